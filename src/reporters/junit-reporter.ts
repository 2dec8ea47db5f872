// The JUnit XML report CI systems read: one <testsuite> per probe, one <testcase> per
// persona × target run. A content failure is a <failure>, a run that could not be judged an
// <error>; warnings, flakiness and measures go to <system-out>, where people look next.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Report, RunResult } from '../model/results.ts';
import { describeCheck, problemChecks, seconds, warningChecks } from './describe-run.ts';
import type { Reporter } from './reporter.ts';
import { plural } from '../text/plural.ts';
import { xmlAttr, xmlText } from './xml.ts';

export class JunitReporter implements Reporter {
  constructor(readonly file: string) {}

  async onEnd(report: Report): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, junitXml(report));
  }
}

interface Suite {
  name: string;
  results: RunResult[];
}

export function junitXml(report: Report): string {
  const suites = groupByProbe(report.results);
  const failures = report.results.filter((r) => r.outcome === 'fail').length;
  const errors = report.results.filter((r) => r.outcome === 'error').length;
  const wallMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="payloadwatch" tests="${report.results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(wallMs)}" timestamp="${xmlAttr(report.startedAt)}">`,
  ];
  for (const suite of suites) lines.push(...suiteXml(suite));
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function groupByProbe(results: readonly RunResult[]): Suite[] {
  const suites = new Map<string, Suite>();
  for (const result of results) {
    let suite = suites.get(result.probe);
    if (!suite) suites.set(result.probe, (suite = { name: result.probe, results: [] }));
    suite.results.push(result);
  }
  return [...suites.values()];
}

function suiteXml(suite: Suite): string[] {
  const { results } = suite;
  const failures = results.filter((r) => r.outcome === 'fail').length;
  const errors = results.filter((r) => r.outcome === 'error').length;
  const time = results.reduce((sum, r) => sum + r.durationMs, 0);
  const startedAt = results.map((r) => r.startedAt).sort()[0] ?? '';
  const lines = [
    `  <testsuite name="${xmlAttr(suite.name)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}" timestamp="${xmlAttr(startedAt)}">`,
  ];
  // `--repeat` makes the same persona × target more than once; each testcase keeps a distinct name.
  const seen = new Map<string, number>();
  for (const result of results) {
    const base = `${result.persona} @ ${result.target}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    lines.push(...testcaseXml(result, n === 1 ? base : `${base} #${n}`));
  }
  lines.push('  </testsuite>');
  return lines;
}

function testcaseXml(result: RunResult, name: string): string[] {
  const open = `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(result.probe)}" time="${seconds(result.durationMs)}">`;
  const inner: string[] = [];
  const properties = [
    ['url', result.url],
    ['attempts', String(result.attempts)],
    ...(result.flaky ? [['flaky', 'true']] : []),
  ];
  inner.push('      <properties>');
  for (const [key, value] of properties) inner.push(`        <property name="${xmlAttr(key!)}" value="${xmlAttr(value!)}"/>`);
  inner.push('      </properties>');

  const problems = problemChecks(result);
  if (result.outcome === 'fail') {
    const failed = problems.filter((c) => c.outcome === 'fail');
    const first = failed[0];
    const message =
      failed.length === 1 && first ? `${first.name}: ${first.message}` : `${plural(failed.length, 'check')} failed: ${failed.map((c) => c.name).join(', ')}`;
    inner.push(`      <failure message="${xmlAttr(message)}" type="${xmlAttr(first?.kind ?? 'fail')}">${xmlText(problems.map(describeCheck).join('\n'))}</failure>`);
  } else if (result.outcome === 'error') {
    const firstError = problems.find((c) => c.outcome === 'error');
    const message = result.error ?? firstError?.message ?? 'the run could not be judged';
    const body = problems.length ? problems.map(describeCheck).join('\n') : message;
    inner.push(`      <error message="${xmlAttr(message)}" type="${xmlAttr(firstError?.kind ?? 'error')}">${xmlText(body)}</error>`);
  }

  const out = systemOut(result);
  if (out) inner.push(`      <system-out>${xmlText(out)}</system-out>`);
  return [open, ...inner, '    </testcase>'];
}

function systemOut(result: RunResult): string {
  const lines: string[] = [];
  if (result.flaky) lines.push(`flaky: the outcome changed on a retry (${result.outcome} after ${plural(result.attempts, 'attempt')})`);
  for (const check of warningChecks(result)) lines.push(`warning: ${describeCheck(check)}`);
  const measures = Object.entries(result.measures);
  if (measures.length) lines.push(`measures: ${measures.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (result.artifacts.length) lines.push(`artifacts: ${result.artifacts.join(', ')}`);
  return lines.join('\n');
}
