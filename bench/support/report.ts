// What every scenario hands back, and how the runner prints and stores it.

/** A median and, where there are enough samples, a p95; for one-off figures only `median`. */
export interface Stat {
  median: number;
  p95?: number;
}

export interface Row {
  figure: string;
  unit: string;
  payloadwatch: Stat;
  baseline?: Stat;
  /** payloadwatch ÷ baseline of the medians (for throughput: of the rates). */
  ratio?: number;
  /** e.g. `ratio ≤ 1.10` */
  goal?: string;
  met?: boolean;
}

export interface ScenarioResult {
  id: number;
  title: string;
  /** What the baseline is, in a few words. */
  baseline: string;
  rows: Row[];
  /** Figures that do not fit the table: breakdowns, counts, profiles. */
  details: Record<string, unknown>;
  notes: string[];
}

export interface ScenarioContext {
  quick: boolean;
  /** Progress lines go to stderr; stdout holds the table only. */
  progress(message: string): void;
}

export interface Scenario {
  id: number;
  title: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}

export function goal(ratio: number, op: '<=' | '>=', bound: number): { goal: string; met: boolean } {
  return {
    goal: `${op === '<=' ? '≤' : '≥'} ${bound.toFixed(2)}`,
    met: op === '<=' ? ratio <= bound : ratio >= bound,
  };
}

function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 10) return value.toFixed(2);
  return value.toFixed(3);
}

export function formatTable(results: readonly ScenarioResult[]): string {
  const header = ['scenario', 'figure', 'unit', 'pw median', 'pw p95', 'base median', 'base p95', 'ratio', 'goal', ''];
  const lines: string[][] = [header];
  for (const result of results) {
    result.rows.forEach((row, index) => {
      lines.push([
        index === 0 ? `${result.id} ${result.title}` : '',
        row.figure,
        row.unit,
        formatNumber(row.payloadwatch.median),
        formatNumber(row.payloadwatch.p95),
        formatNumber(row.baseline?.median),
        formatNumber(row.baseline?.p95),
        row.ratio === undefined ? '' : row.ratio.toFixed(2),
        row.goal ?? '',
        row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
      ]);
    });
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  const numeric = new Set([3, 4, 5, 6, 7]);
  const render = (line: string[]) =>
    line.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [render(lines[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(render)].join('\n');
}
