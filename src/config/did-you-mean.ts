// Typos in keys and names are the most common config mistake; suggesting the closest
// known word turns "unknown key" into a one-second fix.

/** Edit distance counting a swap of neighbours as one edit (`retires` → `retries`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word closest to `word`, when it is close enough to be a likely typo. */
export function closestMatch(word: string, known: readonly string[]): string | undefined {
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

export interface SuggestionOptions {
  /** Names the list of known words, e.g. `known keys`. */
  listLabel: string;
  /** List the known words even when one is close (short lists such as personas). */
  alwaysList?: boolean;
}

/** `did you mean 'timeout'?` when a known word is close, else (or also) the list of known words. */
export function suggestion(word: string, known: readonly string[], options: SuggestionOptions): string {
  const close = closestMatch(word, known);
  const list = `${options.listLabel}: ${known.length ? known.join(', ') : '(none)'}`;
  if (!close) return list;
  return options.alwaysList ? `did you mean '${close}'? ${list}` : `did you mean '${close}'?`;
}
