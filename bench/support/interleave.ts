// Two arms measured in alternating batches (A B, then B A, …), so that whatever drifts
// during the run (other processes, CPU frequency, a warming JIT) reaches both equally.

export interface Arm<T> {
  name: string;
  batch(round: number): Promise<T>;
}

export async function alternate<T>(rounds: number, a: Arm<T>, b: Arm<T>, onRound?: (round: number) => void): Promise<{ a: T[]; b: T[] }> {
  const out = { a: [] as T[], b: [] as T[] };
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      out.a.push(await a.batch(round));
      out.b.push(await b.batch(round));
    } else {
      out.b.push(await b.batch(round));
      out.a.push(await a.batch(round));
    }
    onRound?.(round);
  }
  return out;
}

/** Several arms, each round in a rotated order, so none always runs first or last. */
export async function rotate<T>(rounds: number, arms: readonly Arm<T>[], onRound?: (round: number) => void): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>(arms.map((arm) => [arm.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < arms.length; i += 1) {
      const arm = arms[(i + round) % arms.length]!;
      out.get(arm.name)!.push(await arm.batch(round));
    }
    onRound?.(round);
  }
  return out;
}
