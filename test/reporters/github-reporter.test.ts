import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/results.ts';
import {
  cell,
  escapeData,
  escapeProperty,
  githubAnnotations,
  GithubReporter,
  githubSummary,
  inGithubActions,
} from '../../src/reporters/github-reporter.ts';
import { FAILED_RUN, FLAKY_RUN, KNOWN_REPORT } from './known-report.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-github-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HOSTILE_IN_LOG = `</script><img src=x onerror="alert(1)">&amp; "q" 's' \\u0001\\u001b|*_\`[x](y)`;
const HOSTILE_IN_CELL = `&lt;/script&gt;&lt;img src=x onerror="alert(1)"&gt;&amp;amp; "q" 's' \\\\u0001\\\\u001b\\|\\*\\_\\\`\\[x\\](y)`;

describe('githubAnnotations', () => {
  it('writes one ::error line per failed or errored run, none for passes (flaky or not)', () => {
    expect(githubAnnotations(KNOWN_REPORT).split('\n')).toEqual([
      `::error title=payloadwatch%3A recommendations · new-user · staging failed::rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at $.items, got [] (expected non-empty; actual [])`,
      `::error title=payloadwatch%3A checkout · new-user · staging errored::transport "timeout" in step 'add to cart': no answer within 10s`,
      `::error title=payloadwatch%3A search · anonymous · staging failed::` +
        `rule 'names are plain ${HOSTILE_IN_LOG}' in step 'search lamp': hit ${HOSTILE_IN_LOG}%0Ais not plain (path $.items[0].name; expected plain text; actual ${HOSTILE_IN_LOG})` +
        `%0Arule "prices are positive" in step 'search lamp': $.items[1].price is -3, expected > 0 (expected > 0; actual -3)`,
      '',
    ]);
  });

  it('writes nothing when every run passed', () => {
    expect(githubAnnotations({ ...KNOWN_REPORT, results: [FLAKY_RUN] })).toBe('');
  });

  it('lists ten problems at most and counts the rest', () => {
    const checks = Array.from({ length: 12 }, (_, i) => ({ ...FAILED_RUN.checks[1]!, name: `check ${i + 1}`, message: `m${i + 1}`, path: undefined, expected: undefined, actual: undefined }));
    const text = githubAnnotations({ ...KNOWN_REPORT, results: [{ ...FAILED_RUN, checks }] });
    expect(text.split('%0A')).toHaveLength(11);
    expect(text).toContain(`rule "check 10" in step 'get recommendations': m10%0A… and 2 more\n`);
    expect(text).not.toContain('check 11');
  });

  it('escapes %, CR and LF in messages, and also : and , in properties, so one run is always one command', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    expect(escapeData('esc \u001b[31mred\u0007 tab\t')).toBe('esc \\u001b[31mred\\u0007 tab\t');
    const run = { ...FAILED_RUN, probe: 'a,b: c', checks: [{ ...FAILED_RUN.checks[1]!, message: 'x\n::error title=fake::injected' }] };
    const lines = githubAnnotations({ ...KNOWN_REPORT, results: [run] }).split('\n');
    expect(lines).toEqual([
      `::error title=payloadwatch%3A a%2Cb%3A c · new-user · staging failed::rule "recommendations are never empty" in step 'get recommendations': x%0A::error title=fake::injected (path $.items; expected non-empty; actual [])`,
      '',
    ]);
  });
});

describe('githubSummary', () => {
  it('is a Markdown verdict, a table of runs (problems first) and a table of checks that did not pass', () => {
    expect(githubSummary(KNOWN_REPORT)).toBe(
      [
        '## payloadwatch: ❌ 2 failed, 1 errored',
        '',
        '4 runs against staging (https://staging.example.com) in 12.5s: 1 passed, 2 failed, 1 errored, 1 flaky.',
        '',
        '| outcome | probe | persona | target | duration | attempts |',
        '| --- | --- | --- | --- | --- | --- |',
        '| ⚠️ error | checkout | new-user | staging | 10s | 2 |',
        '| ❌ fail | recommendations | new-user | staging | 120ms | 1 |',
        '| ❌ fail | search | anonymous | staging | 7ms | 1 |',
        '| ✅ pass (flaky) | recommendations | returning-buyer | staging | 2.35s | 2 |',
        '',
        '### Checks that did not pass',
        '',
        '| run | check | outcome | kind | step | message | path | expected | actual |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        '| recommendations · new-user · staging | recommendations are never empty | fail | rule | get recommendations | expected a non-empty array at $.items, got \\[\\] | $.items | non-empty | \\[\\] |',
        '| recommendations · new-user · staging | fresh $.generatedAt | warn | rule | get recommendations | $.generatedAt is 3d old, expected within 1h | $.generatedAt | within 1h | 2026-03-01T10:00:00.000Z |',
        '| checkout · new-user · staging | timeout | error | transport | add to cart | no answer within 10s |  |  |  |',
        `| search · anonymous · staging | names are plain ${HOSTILE_IN_CELL} | fail | rule | search lamp | hit ${HOSTILE_IN_CELL}<br>is not plain | $.items\\[0\\].name | plain text | ${HOSTILE_IN_CELL} |`,
        '| search · anonymous · staging | prices are positive | fail | rule | search lamp | $.items\\[1\\].price is -3, expected &gt; 0 | $.items\\[1\\].price | &gt; 0 | -3 |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('says all passed, and lists no checks, when nothing failed', () => {
    const report: Report = { ...KNOWN_REPORT, summary: { passed: 1, failed: 0, errored: 0, flaky: 1 }, results: [FLAKY_RUN] };
    expect(githubSummary(report)).toBe(
      [
        '## payloadwatch: ✅ all passed',
        '',
        '1 run against staging (https://staging.example.com) in 12.5s: 1 passed, 0 failed, 0 errored, 1 flaky.',
        '',
        '| outcome | probe | persona | target | duration | attempts |',
        '| --- | --- | --- | --- | --- | --- |',
        '| ✅ pass (flaky) | recommendations | returning-buyer | staging | 2.35s | 2 |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('names a target given as a URL once', () => {
    const run = { ...FLAKY_RUN, target: '127.0.0.1:8080', url: 'http://127.0.0.1:8080' };
    expect(githubSummary({ ...KNOWN_REPORT, summary: { passed: 1, failed: 0, errored: 0, flaky: 1 }, results: [run] }).split('\n')[2]).toBe(
      '1 run against http://127.0.0.1:8080 in 12.5s: 1 passed, 0 failed, 0 errored, 1 flaky.',
    );
  });

  it('keeps table cells to one cell each: pipes, line breaks and markup are neutralised', () => {
    expect(cell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d');
    expect(cell('<b>bold</b> **x** [l](javascript:alert(1)) ![i](x)')).toBe('&lt;b&gt;bold&lt;/b&gt; \\*\\*x\\*\\* \\[l\\](javascript:alert(1)) \\!\\[i\\](x)');
    expect(cell('x'.repeat(400))).toBe(`${'x'.repeat(299)}…`);
  });
});

describe('GithubReporter', () => {
  it('prints annotations to its stream and appends the summary to the step-summary file', async () => {
    const file = join(dir, 'step-summary.md');
    await writeFile(file, 'earlier step\n');
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk) => (printed += chunk));
    await new GithubReporter({ out, summaryFile: file }).onEnd(KNOWN_REPORT);
    expect(printed).toBe(githubAnnotations(KNOWN_REPORT));
    expect(await readFile(file, 'utf8')).toBe(`earlier step\n${githubSummary(KNOWN_REPORT)}`);
  });

  it('writes no summary without a step-summary file', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk) => (printed += chunk));
    await new GithubReporter({ out }).onEnd(KNOWN_REPORT);
    expect(printed.split('\n')).toHaveLength(4);
  });
});

describe('inGithubActions', () => {
  it.each([
    [{ GITHUB_ACTIONS: 'true' }, true],
    [{ GITHUB_STEP_SUMMARY: '/tmp/summary.md' }, true],
    [{ GITHUB_ACTIONS: 'false' }, false],
    [{ GITHUB_STEP_SUMMARY: '' }, false],
    [{}, false],
  ])('%j → %s', (env, expected) => {
    expect(inGithubActions(env)).toBe(expected);
  });
});
