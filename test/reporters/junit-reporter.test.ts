import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type TestCase, type TestSuite, type TestSuites } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, RunResult } from '../../src/model/results.ts';
import { JunitReporter, junitXml } from '../../src/reporters/junit-reporter.ts';
import { xmlAttr, xmlText } from '../../src/reporters/xml.ts';
import { FAILED_RUN, HOSTILE, KNOWN_REPORT } from './known-report.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-junit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function parsed(report: Report): Promise<TestSuites> {
  const doc = (await parse(junitXml(report))) as TestSuites;
  expect(doc.testsuite).toBeDefined();
  return doc;
}

function suite(doc: TestSuites, name: string): TestSuite {
  const found = doc.testsuite?.find((s) => s.name === name);
  if (!found) throw new Error(`no suite ${name}`);
  return found;
}

function testcase(doc: TestSuites, suiteName: string, name: string): TestCase & { properties?: Array<{ name: string; value: string | number }> } {
  const found = suite(doc, suiteName).testcase?.find((t) => t.name === name);
  if (!found) throw new Error(`no testcase ${name} in ${suiteName}`);
  return found as TestCase & { properties?: Array<{ name: string; value: string | number }> };
}

/** The hostile text as it survives XML: control characters become visible `\uXXXX`. */
const HOSTILE_IN_XML = HOSTILE.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b');

describe('junitXml, read back by a JUnit parser', () => {
  it('puts totals on <testsuites>: tests, failures (fail), errors (error), wall-clock time', async () => {
    const doc = await parsed(KNOWN_REPORT);
    expect({ name: doc.name, tests: doc.tests, failures: doc.failures, errors: doc.errors, time: doc.time }).toEqual({
      name: 'payloadwatch',
      tests: 4,
      failures: 2,
      errors: 1,
      time: 12.5,
    });
  });

  it('makes one <testsuite> per probe, in the order probes first ran, with their own counts', async () => {
    const doc = await parsed(KNOWN_REPORT);
    expect(doc.testsuite!.map((s) => [s.name, s.tests, s.failures, s.errors, s.time])).toEqual([
      ['recommendations', 2, 1, 0, 2.465],
      ['checkout', 1, 0, 1, 10.004],
      ['search', 1, 1, 0, 0.007],
    ]);
    expect(suite(doc, 'recommendations').timestamp).toBe('2026-03-04T10:00:00.010Z');
  });

  it('names each <testcase> persona @ target, with the probe as classname and the time in seconds', async () => {
    const doc = await parsed(KNOWN_REPORT);
    expect(suite(doc, 'recommendations').testcase!.map((t) => [t.name, t.classname, t.time])).toEqual([
      ['new-user @ staging', 'recommendations', 0.12],
      ['returning-buyer @ staging', 'recommendations', 2.345],
    ]);
  });

  it('lists each failed check with name, kind, step, path, expected and actual in a <failure>', async () => {
    const doc = await parsed(KNOWN_REPORT);
    const failed = testcase(doc, 'recommendations', 'new-user @ staging');
    expect(failed.error).toBeUndefined();
    expect(failed.failure).toEqual([
      {
        message: 'recommendations are never empty: expected a non-empty array at $.items, got []',
        type: 'rule',
        inner:
          `rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at $.items, got []\n` +
          '  path: $.items\n  expected: non-empty\n  actual: []',
      },
    ]);
  });

  it('names every failed check in the message when there are several, and lists them all', async () => {
    const doc = await parsed(KNOWN_REPORT);
    const [failure] = testcase(doc, 'search', 'anonymous @ staging').failure!;
    expect(failure!.message).toBe(`2 checks failed: names are plain ${HOSTILE_IN_XML}, prices are positive`);
    expect(failure!.inner).toContain(`rule "prices are positive" in step 'search lamp': $.items[1].price is -3, expected > 0\n  path: $.items[1].price\n  expected: > 0\n  actual: -3`);
  });

  it('reports a run that could not be judged as an <error>, not a <failure>', async () => {
    const doc = await parsed(KNOWN_REPORT);
    const errored = testcase(doc, 'checkout', 'new-user @ staging');
    expect(errored.failure).toBeUndefined();
    expect(errored.error).toEqual([
      { message: 'no answer within 10s', type: 'transport', inner: `transport "timeout" in step 'add to cart': no answer within 10s` },
    ]);
  });

  it('marks a flaky run with a property and a note, and leaves it passing', async () => {
    const doc = await parsed(KNOWN_REPORT);
    const flaky = testcase(doc, 'recommendations', 'returning-buyer @ staging');
    expect(flaky.failure).toBeUndefined();
    expect(flaky.error).toBeUndefined();
    expect(flaky.properties).toEqual([
      { name: 'url', value: 'https://staging.example.com' },
      { name: 'attempts', value: 2 }, // the parser reads numeric-looking values as numbers
      { name: 'flaky', value: 'true' },
    ]);
    expect(flaky['system-out']).toEqual(['flaky: the outcome changed on a retry (pass after 2 attempts)\nmeasures: recommendations=6']);
    expect(testcase(doc, 'recommendations', 'new-user @ staging').properties!.map((p) => p.name)).toEqual(['url', 'attempts']);
  });

  it('writes warnings and measures to <system-out>', async () => {
    const doc = await parsed(KNOWN_REPORT);
    expect(testcase(doc, 'recommendations', 'new-user @ staging')['system-out']).toEqual([
      `warning: rule "fresh $.generatedAt" in step 'get recommendations': $.generatedAt is 3d old, expected within 1h\n` +
        '  path: $.generatedAt\n  expected: within 1h\n  actual: 2026-03-01T10:00:00.000Z\nmeasures: recommendations=0',
    ]);
  });

  it('escapes markup, quotes and line breaks so they read back exactly, and writes control characters visibly', async () => {
    const xml = junitXml(KNOWN_REPORT);
    // XML 1.0 cannot hold these at all: not raw, not as character references.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toMatch(/&#(x0*1b|0*27|x0*1|0*1);/i);
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('</script>');
    const doc = await parsed(KNOWN_REPORT);
    const [failure] = testcase(doc, 'search', 'anonymous @ staging').failure!;
    expect(failure!.inner!.split('\n').slice(0, 2)).toEqual([
      `rule 'names are plain ${HOSTILE_IN_XML}' in step 'search lamp': hit ${HOSTILE_IN_XML}`,
      'is not plain',
    ]);
    expect(failure!.inner).toContain(`  actual: ${HOSTILE_IN_XML}\n`);
  });

  it('keeps a line break inside an attribute as a line break', async () => {
    const run: RunResult = {
      ...FAILED_RUN,
      checks: [{ ...FAILED_RUN.checks[1]!, message: 'first line\nsecond\tline\r\nthird' }],
    };
    const doc = await parsed({ ...KNOWN_REPORT, results: [run] });
    expect(doc.testsuite![0]!.testcase![0]!.failure![0]!.message).toBe('recommendations are never empty: first line\nsecond\tline\r\nthird');
  });

  it('gives repeated runs of the same persona × target distinct names', async () => {
    const doc = await parsed({ ...KNOWN_REPORT, results: [FAILED_RUN, FAILED_RUN, FAILED_RUN] });
    expect(doc.testsuite![0]!.testcase!.map((t) => t.name)).toEqual(['new-user @ staging', 'new-user @ staging #2', 'new-user @ staging #3']);
  });

  it('writes a valid, empty document when nothing ran', async () => {
    const xml = junitXml({ ...KNOWN_REPORT, summary: { passed: 0, failed: 0, errored: 0, flaky: 0 }, results: [] });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="payloadwatch" tests="0" failures="0" errors="0" skipped="0" time="12.500" timestamp="2026-03-04T10:00:00.000Z">\n' +
        '</testsuites>\n',
    );
  });
});

describe('JunitReporter', () => {
  it('writes junitXml to its file at the end, creating folders', async () => {
    const file = join(dir, 'deep', 'junit.xml');
    await new JunitReporter(file).onEnd(KNOWN_REPORT);
    expect(await readFile(file, 'utf8')).toBe(junitXml(KNOWN_REPORT));
  });
});

describe('xml escaping', () => {
  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d', 'a &amp; b &lt; c &gt; d'],
    ['say "hi"', 'say "hi"', 'say &quot;hi&quot;'],
    ['line\nbreak\ttab\rcr', 'line\nbreak\ttab&#13;cr', 'line&#10;break&#9;tab&#13;cr'],
    ['bell\u0007 esc\u001b nul\u0000', 'bell\\u0007 esc\\u001b nul\\u0000', 'bell\\u0007 esc\\u001b nul\\u0000'],
    ['lone \ud800 surrogate, pair 😀', 'lone \\ud800 surrogate, pair 😀', 'lone \\ud800 surrogate, pair 😀'],
    ['not a char \uffff', 'not a char \\uffff', 'not a char \\uffff'],
    [']]> ends CDATA', ']]&gt; ends CDATA', ']]&gt; ends CDATA'],
  ])('%j', (input, text, attr) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttr(input)).toBe(attr);
  });
});
