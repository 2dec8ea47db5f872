// Words for a run and its checks that the text reporters (JUnit, GitHub) share, so a check
// reads the same wherever CI shows it.
import type { CheckResult, RunResult } from '../model/results.ts';

/** A check that made its run fail or error. */
export function isProblem(check: CheckResult): boolean {
  return check.outcome === 'fail' || check.outcome === 'error';
}

export function problemChecks(result: RunResult): CheckResult[] {
  return result.checks.filter(isProblem);
}

export function warningChecks(result: RunResult): CheckResult[] {
  return result.checks.filter((c) => c.outcome === 'warn');
}

/** `recommendations · new-user · staging` */
export function runName(result: RunResult): string {
  return `${result.probe} · ${result.persona} · ${result.target}`;
}

/** `rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at $.items, got []` */
export function checkHeadline(check: CheckResult): string {
  const name = check.name.includes('"') ? `'${check.name}'` : `"${check.name}"`;
  return `${check.kind} ${name} in step '${check.step}'${check.message ? `: ${check.message}` : ''}`;
}

/** The `path`, `expected` and `actual` a check has, as `label: value` pairs. */
export function checkFacts(check: CheckResult): Array<[label: 'path' | 'expected' | 'actual', value: string]> {
  const facts: Array<['path' | 'expected' | 'actual', string]> = [];
  if (check.path !== undefined) facts.push(['path', check.path]);
  if (check.expected !== undefined) facts.push(['expected', check.expected]);
  if (check.actual !== undefined) facts.push(['actual', check.actual]);
  return facts;
}

/** A headline, then each fact indented on its own line. */
export function describeCheck(check: CheckResult): string {
  return [checkHeadline(check), ...checkFacts(check).map(([label, value]) => `  ${label}: ${value}`)].join('\n');
}

/** Outcome words as reports show them. */
export function outcomeWord(result: RunResult): string {
  return result.outcome === 'pass' ? 'passed' : result.outcome === 'fail' ? 'failed' : 'errored';
}

/** Seconds with millisecond precision, as JUnit's `time` wants them. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
