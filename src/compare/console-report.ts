// The compare verdict for people: what changed (probe · persona · metric, baseline → canary,
// effect, adjusted p, classification), which checks broke in which runs, the scores, the
// reasons in words and the verdict line. Colour only on a terminal.
import { styleText } from 'node:util';
import { plural } from '../text/plural.ts';
import type { CompareReport, CompareTarget, SideRuns } from './compare-report.ts';
import type { CompareBeginInfo, CompareReporter } from './compare-reporter.ts';
import { metricLabel } from './describe-comparison.ts';
import { formatPValue, formatRateChange, formatRelativeChange, formatShift, formatValue } from './format.ts';
import type { ComparisonResult, Verdict } from './verdict.ts';

type Style = Parameters<typeof styleText>[0];

/** Failing checks listed per side of a probe × persona; the JSON report has them all. */
const MAX_FAILURES_SHOWN = 5;

const VERDICT_LINES: Readonly<Record<Verdict, { text: string; style: Style }>> = {
  PASS: { text: 'PASS: the canary is no worse than the baseline', style: 'green' },
  FAIL: { text: 'FAIL: the canary regressed', style: 'red' },
  INCONCLUSIVE: { text: 'INCONCLUSIVE: not enough evidence to pass or fail the canary', style: 'yellow' },
};

export class CompareConsoleReporter implements CompareReporter {
  private readonly color: boolean;
  private announced: readonly string[] = [];

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean }) {
    this.color = Boolean(out.isTTY) && !process.env.NO_COLOR;
  }

  onBegin(info: CompareBeginInfo): void {
    const lines = [
      `payloadwatch compare: baseline ${describeTarget(info.baseline)}, canary ${describeTarget(info.canary)}`,
      `${plural(info.units.length, 'probe × persona pair')}, ${plural(info.rounds, 'round')} after ${plural(info.warmup, 'warm-up round')}, ` +
        `seed ${info.seed}, retries off`,
      ...info.warnings.map((warning) => this.paint('yellow', `warning: ${warning}`)),
    ];
    this.announced = info.warnings;
    this.out.write(`${lines.join('\n')}\n`);
  }

  onEnd(report: CompareReport): void {
    const sections = [this.changes(report), this.brokenRuns(report), scores(report), this.list('Reasons', condense(report.reasons))];
    const warnings = report.warnings.filter((warning) => !this.announced.includes(warning));
    if (warnings.length) sections.push(this.list('Warnings', condense(warnings)));
    const { text, style } = VERDICT_LINES[report.verdict];
    const advisory = report.options.advisory ? ' (advisory: the gate lets the release through anyway)' : '';
    sections.push(`${this.paint(style, text)}${advisory}\n`);
    this.out.write(`\n${sections.filter(Boolean).join('\n')}`);
  }

  private changes(report: CompareReport): string {
    const rows = report.comparisons.filter(shown);
    if (rows.length === 0) return `Nothing changed significantly (${plural(report.comparisons.length, 'comparison')}).\n`;
    const header = ['probe · persona', 'metric', 'baseline → canary', 'effect', 'adjusted p', 'classification'];
    const cells = rows.map((r) => [`${r.probe} · ${r.persona}`, metricName(r), sides(r), effect(r), adjustedP(r), classificationOf(r)]);
    const table = columns(header, cells).map((line, i) => {
      const row = rows[i - 1];
      return `  ${row && row.classification !== 'pass' ? this.paint('red', line) : line}`;
    });
    return `What changed (${rows.length} of ${plural(report.comparisons.length, 'comparison')}):\n${table.join('\n')}\n`;
  }

  private brokenRuns(report: CompareReport): string {
    const lines: string[] = [];
    for (const group of report.groups) {
      for (const side of ['canary', 'baseline'] as const) {
        const runs = group[side];
        if (runs.passed === runs.runs) continue;
        lines.push(`  ${group.probe} · ${group.persona} on the ${side}: ${notPassed(runs)}`);
        for (const failure of runs.failures.slice(0, MAX_FAILURES_SHOWN)) {
          const verb = failure.outcome === 'fail' ? 'failed' : 'errored';
          lines.push(`    ${failure.kind} ${quoted(failure.check)} ${verb} in ${plural(failure.runs, 'run')}: ${failure.message}`);
        }
        if (runs.failures.length > MAX_FAILURES_SHOWN) lines.push(`    … and ${runs.failures.length - MAX_FAILURES_SHOWN} more checks`);
      }
    }
    return lines.length ? `Runs that did not pass:\n${lines.join('\n')}\n` : '';
  }

  private list(title: string, items: readonly string[]): string {
    return items.length ? `${title}:\n${items.map((item) => `  - ${item}`).join('\n')}\n` : '';
  }

  private paint(style: Style, text: string): string {
    // The stream was judged in the constructor; styleText would otherwise judge process.stdout instead.
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }
}

/** Comparisons without enough data, named one by one in the JSON report, counted here when there are many. */
const SAMPLES_NOTE = /: (too few samples|no data) \(([^()]*)\)$/;
const CONDENSE_FROM = 3;

function condense(items: readonly string[]): string[] {
  const notes = new Map<string, number>();
  for (const item of items) {
    const match = SAMPLES_NOTE.exec(item);
    if (match) notes.set(`${match[1]} (${match[2]})`, (notes.get(`${match[1]} (${match[2]})`) ?? 0) + 1);
  }
  const out: string[] = [];
  const done = new Set<string>();
  for (const item of items) {
    const match = SAMPLES_NOTE.exec(item);
    const note = match ? `${match[1]} (${match[2]})` : undefined;
    if (note === undefined || notes.get(note)! < CONDENSE_FROM) out.push(item);
    else if (!done.has(note)) {
      done.add(note);
      out.push(`${notes.get(note)} comparisons: ${note}`);
    }
  }
  return out;
}

/** A change, or the pass rate of a critical probe whose canary broke its checks (which fails the canary however small). */
function shown(result: ComparisonResult): boolean {
  if (result.changed !== null) return true;
  return result.critical && result.kind === 'pass-rate' && result.canary.n > 0 && result.canary.events < result.canary.n;
}

/** The probe's own metrics by their label (`pass rate`); a measure's with its name (`recommendations empty rate`). */
function metricName(result: ComparisonResult): string {
  const ofMeasure = result.kind === 'empty-rate' || result.kind === 'distribution';
  return ofMeasure ? `${result.subject} ${metricLabel(result.kind)}` : metricLabel(result.kind);
}

function sides(result: ComparisonResult): string {
  if (result.test === 'fisher-exact') {
    return result.baseline.rate === null || result.canary.rate === null ? 'n/a' : formatRateChange(result.baseline.rate, result.canary.rate);
  }
  const { baseline, canary, unit } = result;
  return baseline.median === null || canary.median === null ? 'n/a' : `${formatValue(baseline.median, unit)} → ${formatValue(canary.median, unit)}`;
}

function effect(result: ComparisonResult): string {
  if (result.test === 'fisher-exact') {
    if (result.difference === null) return 'n/a';
    const points = Math.round(result.difference * 100);
    return `${points > 0 ? '+' : ''}${points} pp`;
  }
  return result.shift ? `${formatShift(result.shift.estimate, result.unit)} (${formatRelativeChange(result.shift.relative)})` : 'n/a';
}

function adjustedP(result: ComparisonResult): string {
  return result.adjustedPValue === null ? 'n/a' : formatPValue(result.adjustedPValue);
}

function classificationOf(result: ComparisonResult): string {
  const label = result.classification === 'pass' && result.changed ? 'pass (improved)' : result.classification;
  return result.critical ? `${label}, critical` : label;
}

function notPassed(runs: SideRuns): string {
  const parts = [runs.failed ? `${runs.failed} failed` : '', runs.errored ? `${runs.errored} errored` : ''].filter(Boolean);
  return `${parts.join(', ')} of ${plural(runs.runs, 'run')}`;
}

function scores(report: CompareReport): string {
  const score = (value: number | null) => (value === null ? 'n/a' : String(value));
  const personas = report.personas.map((p) => `${p.persona} ${score(p.score)}`).join(', ');
  return `Scores: ${personas || 'none'} (overall ${score(report.score)})\n`;
}

/** A target given as a URL is named after its host; saying it twice adds nothing. */
function describeTarget(target: CompareTarget): string {
  try {
    if (new URL(target.url).host === target.name) return target.url;
  } catch {
    // Not a URL: show both.
  }
  return `${target.name} (${target.url})`;
}

/** Names are shown in double quotes unless they hold one themselves. */
function quoted(name: string): string {
  return name.includes('"') ? `'${name}'` : `"${name}"`;
}

/** Left-aligned columns separated by two spaces; the header first. */
function columns(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}
