// One line per run as it finishes, the failing checks underneath with where, what was
// expected and what came, then a summary. Colour only on a terminal.
import { styleText } from 'node:util';
import type { CheckResult, Report, RunResult } from '../model/results.ts';
import { formatMilliseconds } from '../config/duration.ts';
import type { Reporter, RunBeginInfo } from './reporter.ts';
import { plural } from '../text/plural.ts';

type Style = Parameters<typeof styleText>[0];

const MARK = { pass: '✔', fail: '✘', error: '!', warn: '⚠' } as const;

export class ConsoleReporter implements Reporter {
  private readonly color: boolean;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean }) {
    this.color = Boolean(out.isTTY) && !process.env.NO_COLOR;
  }

  onBegin(info: RunBeginInfo): void {
    // A target given as a URL is named after its host; saying it twice adds nothing.
    const targets = info.targets.map((t) => (hostOf(t.url) === t.name ? t.url : `${t.name} (${t.url})`)).join(', ');
    this.write(`payloadwatch: ${plural(info.total, 'run')} against ${targets}\n\n`);
  }

  onRunEnd(result: RunResult): void {
    const style: Style = result.outcome === 'pass' ? 'green' : result.outcome === 'fail' ? 'red' : 'yellow';
    const notes = [formatMilliseconds(result.durationMs)];
    if (result.attempts > 1) notes.push(`${result.attempts} attempts`);
    if (result.flaky) notes.push('flaky');
    const head = `${this.paint(style, MARK[result.outcome])} ${result.probe} · ${result.persona} · ${result.target}`;
    this.write(`${head}  ${this.paint('dim', notes.join(', '))}\n`);
    for (const check of result.checks) {
      if (check.outcome === 'fail' || check.outcome === 'error' || check.outcome === 'warn') this.write(this.describe(check));
    }
    const measures = Object.entries(result.measures);
    if (measures.length && result.outcome !== 'pass') {
      this.write(this.paint('dim', `    measures: ${measures.map(([k, v]) => `${k}=${v}`).join(', ')}\n`));
    }
    if (result.artifacts.length) this.write(this.paint('dim', `    artifacts: ${result.artifacts.join(', ')}\n`));
  }

  onEnd(report: Report): void {
    const { passed, failed, errored, flaky } = report.summary;
    const total = report.results.length;
    const seconds = formatMilliseconds(Date.parse(report.finishedAt) - Date.parse(report.startedAt));
    const parts = [
      this.paint(passed ? 'green' : 'dim', `${passed} passed`),
      this.paint(failed ? 'red' : 'dim', `${failed} failed`),
      this.paint(errored ? 'yellow' : 'dim', `${errored} errored`),
      this.paint(flaky ? 'yellow' : 'dim', `${flaky} flaky`),
    ];
    this.write(`\n${plural(total, 'run')}: ${parts.join(', ')} (${seconds})\n`);
  }

  private describe(check: CheckResult): string {
    const mark = check.outcome === 'warn' ? MARK.warn : check.outcome === 'error' ? MARK.error : MARK.fail;
    const style: Style = check.outcome === 'fail' ? 'red' : 'yellow';
    const lines = [`    ${this.paint(style, mark)} ${check.kind} ${quoted(check.name)} in step '${check.step}': ${check.message}`];
    const where = [
      check.path !== undefined ? `at ${check.path}` : '',
      check.expected !== undefined ? `expected ${check.expected}` : '',
      check.actual !== undefined ? `actual ${check.actual}` : '',
    ].filter(Boolean);
    if (where.length) lines.push(this.paint('dim', `      ${where.join(' · ')}`));
    return `${lines.join('\n')}\n`;
  }

  private paint(style: Style, text: string): string {
    // The stream was judged in the constructor; styleText would otherwise judge process.stdout instead.
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }

  private write(text: string): void {
    this.out.write(text);
  }
}

/** Names are shown in double quotes unless they hold one themselves. */
function quoted(name: string): string {
  return name.includes('"') ? `'${name}'` : `"${name}"`;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
