// GitHub Actions: a Markdown summary appended to the job's step summary file, and one
// `::error` workflow annotation per failed or errored run, so a failure shows on the
// run's page without opening a log.
import { appendFile } from 'node:fs/promises';
import { formatMilliseconds } from '../config/duration.ts';
import type { CheckResult, Report, RunResult } from '../model/results.ts';
import { plural } from '../text/plural.ts';
import { checkHeadline, checkFacts, problemChecks, runName, warningChecks } from './describe-run.ts';
import type { Reporter } from './reporter.ts';

export interface GithubReporterOptions {
  /** Where annotations go: the job log, which is stdout. */
  out: NodeJS.WritableStream;
  /** The file named by `GITHUB_STEP_SUMMARY`; no summary without it. */
  summaryFile?: string;
}

/** True inside a GitHub Actions job (or wherever its step-summary file is given). */
export function inGithubActions(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.GITHUB_ACTIONS === 'true' || Boolean(env.GITHUB_STEP_SUMMARY);
}

export class GithubReporter implements Reporter {
  constructor(private readonly options: GithubReporterOptions) {}

  async onEnd(report: Report): Promise<void> {
    const annotations = githubAnnotations(report);
    if (annotations) this.options.out.write(annotations);
    if (this.options.summaryFile) await appendFile(this.options.summaryFile, githubSummary(report));
  }
}

// ---------------------------------------------------------------------------------------
// Annotations

/** Problems listed in one annotation at most; the rest are counted. */
const MAX_ANNOTATED_CHECKS = 10;

/** One `::error` line per failed or errored run, each ending in a newline; empty when all passed. */
export function githubAnnotations(report: Report): string {
  return report.results
    .filter((r) => r.outcome !== 'pass')
    .map((r) => `::error title=${escapeProperty(`payloadwatch: ${runName(r)} ${r.outcome === 'fail' ? 'failed' : 'errored'}`)}::${escapeData(annotationMessage(r))}\n`)
    .join('');
}

function annotationMessage(result: RunResult): string {
  const problems = problemChecks(result);
  const lines = problems.slice(0, MAX_ANNOTATED_CHECKS).map((check) => {
    const facts = checkFacts(check).filter(([label]) => label !== 'path' || !check.message.includes(check.path!));
    return `${checkHeadline(check)}${facts.length ? ` (${facts.map(([label, value]) => `${label} ${value}`).join('; ')})` : ''}`;
  });
  if (problems.length > MAX_ANNOTATED_CHECKS) lines.push(`… and ${problems.length - MAX_ANNOTATED_CHECKS} more`);
  if (lines.length === 0) lines.push(result.error ?? 'the run could not be judged');
  return lines.join('\n');
}

/**
 * The message of a workflow command: `%`, CR and LF escaped (GitHub's rules). Other control
 * characters are written as visible `\uXXXX`, so payload text cannot drive the log's terminal.
 */
export function escapeData(value: string): string {
  return visibleControls(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** C0 and C1 control characters other than tab, CR and LF as `\uXXXX`. */
function visibleControls(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A property of a workflow command (`title=`): also `:` and `,`, which end it. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// ---------------------------------------------------------------------------------------
// Step summary

/** Rows a table lists at most; the step summary file is limited to 1 MiB. */
const MAX_ROWS = 200;

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;
const OUTCOME_ORDER = { error: 0, fail: 1, pass: 2 } as const;

export function githubSummary(report: Report): string {
  const { passed, failed, errored, flaky } = report.summary;
  const total = report.results.length;
  const targets = [...new Map(report.results.map((r) => [r.target, r.url])).entries()];
  const wallMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const verdict = failed + errored === 0 ? '✅ all passed' : `❌ ${[failed ? `${failed} failed` : '', errored ? `${errored} errored` : ''].filter(Boolean).join(', ')}`;
  const lines = [
    `## payloadwatch: ${verdict}`,
    '',
    `${plural(total, 'run')} against ${targets.map(([name, url]) => (name === hostOf(url) ? cell(url) : `${cell(name)} (${cell(url)})`)).join(', ') || 'no target'} in ${formatMilliseconds(wallMs)}: ` +
      `${passed} passed, ${failed} failed, ${errored} errored, ${flaky} flaky.`,
    '',
  ];
  if (total > 0) {
    // Runs that need attention first; within an outcome, in the order they were planned.
    const runs = report.results
      .map((result, index) => ({ result, index }))
      .sort((a, b) => OUTCOME_ORDER[a.result.outcome] - OUTCOME_ORDER[b.result.outcome] || a.index - b.index)
      .map(({ result }) => result);
    lines.push('| outcome | probe | persona | target | duration | attempts |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of runs.slice(0, MAX_ROWS)) {
      const outcome = `${ICON[r.outcome]} ${r.outcome}${r.flaky ? ' (flaky)' : ''}`;
      lines.push(row([outcome, r.probe, r.persona, r.target, formatMilliseconds(r.durationMs), String(r.attempts)]));
    }
    if (runs.length > MAX_ROWS) lines.push('', `… and ${runs.length - MAX_ROWS} more runs (see the JUnit or HTML report).`);
    lines.push('');
  }

  const notPassing = report.results.flatMap((r) => [...problemChecks(r), ...warningChecks(r)].map((check) => ({ r, check })));
  if (notPassing.length) {
    lines.push('### Checks that did not pass', '');
    lines.push('| run | check | outcome | kind | step | message | path | expected | actual |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { r, check } of notPassing.slice(0, MAX_ROWS)) lines.push(row(checkRow(r, check)));
    if (notPassing.length > MAX_ROWS) lines.push('', `… and ${notPassing.length - MAX_ROWS} more checks (see the JUnit or HTML report).`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function checkRow(result: RunResult, check: CheckResult): string[] {
  return [runName(result), check.name, check.outcome, check.kind, check.step, check.message, check.path ?? '', check.expected ?? '', check.actual ?? ''];
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** Cell text is payload text: nothing in it may become markup, a link, or a new row. */
export function cell(value: string): string {
  const short = value.length > 300 ? `${value.slice(0, 299)}…` : value;
  return visibleControls(short)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~|!#])/g, '\\$1')
    .replace(/\r?\n|\r/g, '<br>');
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
