import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonaDefinition, ProbeDefinition } from '../../src/model/definitions.ts';
import type { Report, RunResult } from '../../src/model/results.ts';
import { cspHash, SCRIPT, STYLE } from '../../src/reporters/html/assets.ts';
import { HtmlReporter } from '../../src/reporters/html/html-reporter.ts';
import { relativeHref, renderHtmlReport } from '../../src/reporters/html/render-report.ts';
import { runProbe } from '../../src/runner/run-probe.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { equals } from '../../src/validate/rules.ts';
import { plannedRun, runEnv } from '../support/runner-fixtures.ts';
import { sendJson, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { FAILED_RUN, HOSTILE, KNOWN_REPORT } from './known-report.ts';

let dir: string;
let server: ScriptedServer;
const TOKEN = 'tok-html-secret-4242';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-html-'));
  server = await startScriptedServer((request, response) => {
    // A profile endpoint that echoes the caller's token back in its body.
    sendJson(response, 200, { user: { id: 'u-1', plan: 'free' }, session: { token: (request.headers.authorization ?? '').replace('Bearer ', '') } });
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await server.close();
  await closeHttpClient();
});

const html = renderHtmlReport(KNOWN_REPORT);

/** `[id, data-outcome, data-probe, data-persona, data-target, data-flaky, data-warn]` of every run article. */
function articles(text: string): string[][] {
  return [
    ...text.matchAll(
      /<article class="run \w+" id="([^"]+)" data-outcome="([^"]+)" data-probe="([^"]+)" data-persona="([^"]+)" data-target="([^"]+)" data-flaky="([^"]+)" data-warn="([^"]+)">/g,
    ),
  ].map((m) => m.slice(1));
}

function articleOf(text: string, id: string): string {
  const start = text.indexOf(`<article class="run`, text.indexOf(`id="${id}"`) - 40);
  return text.slice(start, text.indexOf('</article>', start));
}

describe('renderHtmlReport: a self-contained page', () => {
  it('inlines its only stylesheet and script, loads nothing from elsewhere, and allows only those two by hash', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<style>${STYLE}</style>`);
    expect(html).toContain(`<script>${SCRIPT}</script>`);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src ${cspHash(STYLE).replaceAll("'", '&#39;')}; script-src ${cspHash(SCRIPT).replaceAll("'", '&#39;')}; img-src &#39;self&#39; file: data:">`,
    );
    expect(html).not.toMatch(/<link\b|\bsrc="https?:|\bhref="https?:|@import|url\(/);
  });

  it('sums the runs up: verdict, counts, and a probe × persona overview linking each run', () => {
    expect(html).toContain('<title>payloadwatch: 2 failed, 1 errored</title>');
    expect(html).toContain('<p class="verdict bad" id="verdict">2 failed, 1 errored</p>');
    const counts = Object.fromEntries([...html.matchAll(/data-count="(\w+)"><b>(\d+)<\/b>/g)].map((m) => [m[1], Number(m[2])]));
    expect(counts).toEqual({ runs: 4, pass: 1, fail: 2, error: 1, flaky: 1, warn: 1 });
    const overview = html.slice(html.indexOf('<table class="matrix"'), html.indexOf('</table>', html.indexOf('<table class="matrix"')));
    expect([...overview.matchAll(/<th>([^<]+)<\/th>/g)].map((m) => m[1])).toEqual(['probe \\ persona', 'new-user', 'returning-buyer', 'anonymous']);
    expect([...overview.matchAll(/<a class="badge (\w+)" href="#(run-\d+)"/g)].map((m) => `${m[2]}:${m[1]}`)).toEqual([
      'run-1:fail',
      'run-2:pass',
      'run-3:error',
      'run-4:fail',
    ]);
  });

  it('has one article per run, carrying what the filters read', () => {
    expect(articles(html)).toEqual([
      ['run-1', 'fail', 'recommendations', 'new-user', 'staging', 'false', 'true'],
      ['run-2', 'pass', 'recommendations', 'returning-buyer', 'staging', 'true', 'false'],
      ['run-3', 'error', 'checkout', 'new-user', 'staging', 'false', 'false'],
      ['run-4', 'fail', 'search', 'anonymous', 'staging', 'false', 'false'],
    ]);
  });

  it('offers outcome buttons with counts, and persona and probe selects (a target select only for several targets)', () => {
    expect([...html.matchAll(/data-filter-outcome="(\w+)" aria-pressed="(\w+)">([^<]+)</g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual([
      'all true all (4)',
      'pass false pass (1)',
      'fail false fail (2)',
      'error false error (1)',
      'flaky false flaky (1)',
      'warn false warnings (1)',
    ]);
    const options = (field: string) => {
      const select = html.slice(html.indexOf(`data-filter="${field}"`), html.indexOf('</select>', html.indexOf(`data-filter="${field}"`)));
      return [...select.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
    };
    expect(options('persona')).toEqual(['', 'new-user', 'returning-buyer', 'anonymous']);
    expect(options('probe')).toEqual(['', 'recommendations', 'checkout', 'search']);
    expect(html).not.toContain('data-filter="target"');
    const twoTargets = renderHtmlReport({ ...KNOWN_REPORT, results: [FAILED_RUN, { ...FAILED_RUN, target: 'canary', url: 'https://canary.example.com' }] });
    expect(twoTargets).toContain('<select data-filter="target" id="filter-target"><option value="">all</option><option value="staging">staging</option><option value="canary">canary</option></select>');
  });

  it('opens runs that need attention and leaves clean passes closed', () => {
    expect(articleOf(html, 'run-1')).toContain('<details open>');
    expect(articleOf(html, 'run-2')).toContain('<details>');
    expect(articleOf(html, 'run-3')).toContain('<details open>');
    expect(articleOf(html, 'run-3')).toContain('<p class="error-text">no answer within 10s</p>');
  });

  it('shows each check that did not pass with its path, expected and actual', () => {
    const run = articleOf(html, 'run-1');
    expect(run).toContain(
      '<tr class="fail" data-check="recommendations are never empty">\n' +
        '<td class="what"><span class="badge fail">fail</span> <b>recommendations are never empty</b><div class="msg">expected a non-empty array at $.items, got []</div></td>\n' +
        '<td>rule</td><td>get recommendations</td><td class="path"><a href="#run-1-s1-l4" title="line 4 of the excerpt"><code>$.items</code></a></td><td class="value expected">non-empty</td><td class="value actual">[]</td>\n</tr>',
    );
    expect(run).toContain('<tr class="warn" data-check="fresh $.generatedAt">');
    expect(run).not.toContain('data-check="status"');
  });
});

describe('renderHtmlReport: payload excerpts', () => {
  it('prints the excerpt line by line and highlights the line of each failing path (warnings apart)', () => {
    const run = articleOf(html, 'run-1');
    expect(run).toContain('<pre class="excerpt" data-step="get recommendations"><code>');
    const lines = [...run.matchAll(/<span class="([^"]+)" id="run-1-s1-l(\d+)"><span class="n">\d+<\/span>([^\n]*?)<\/span>/g)].map((m) => [Number(m[2]), m[1], m[3]]);
    expect(lines).toEqual([
      [1, 'l', '{'],
      [2, 'l', '  &#34;userId&#34;: &#34;u-1001&#34;,'],
      [3, 'l', '  &#34;strategy&#34;: &#34;popular&#34;,'],
      [4, 'l hit', '  &#34;items&#34;: [],'],
      [5, 'l hit warn', '  &#34;generatedAt&#34;: &#34;2026-03-01T10:00:00.000Z&#34;'],
      [6, 'l', '}'],
    ]);
  });

  it('maps each failing path of a step to its own line: $.items[0].name → 6, $.items[1].price → 12', () => {
    const run = articleOf(html, 'run-4');
    const hits = [...run.matchAll(/<span class="l hit" id="run-4-s1-l(\d+)"><span class="n">\d+<\/span>([^\n]*?)<\/span>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(hits).toEqual([
      [6, expect.stringMatching(/^ {6}&#34;name&#34;: &#34;&lt;\/script&gt;/)],
      [12, '      &#34;price&#34;: -3'],
    ]);
    expect(run).toContain('<a href="#run-4-s1-l6" title="line 6 of the excerpt"><code>$.items[0].name</code></a>');
    expect(run).toContain('<a href="#run-4-s1-l12" title="line 12 of the excerpt"><code>$.items[1].price</code></a>');
  });

  it('points a missing member at its object, and says so', () => {
    const run: RunResult = {
      ...FAILED_RUN,
      checks: [{ ...FAILED_RUN.checks[1]!, name: 'has a name', path: '$.items[0].name', message: 'missing' }],
      steps: [{ ...FAILED_RUN.steps[0]!, excerpt: '{\n  "items": [\n    {\n      "id": "p-1"\n    }\n  ]\n}' }],
    };
    const out = renderHtmlReport({ ...KNOWN_REPORT, results: [run] });
    expect(out).toContain('<a href="#run-1-s1-l3" title="not in the excerpt; nearest: $.items[0], line 3"><code>$.items[0].name</code></a>');
    expect(out).toContain('<span class="l hit" id="run-1-s1-l3">');
  });

  it('marks the cut of a truncated excerpt, and points a path beyond it at what the excerpt holds of it', () => {
    const run: RunResult = {
      ...FAILED_RUN,
      checks: [{ ...FAILED_RUN.checks[1]!, path: '$.items[1].price' }],
      steps: [{ ...FAILED_RUN.steps[0]!, excerpt: '{\n  "items": [\n    {\n      "price": 1\n    },\n… truncated: 34 of 9000 characters shown' }],
    };
    const out = renderHtmlReport({ ...KNOWN_REPORT, results: [run] });
    expect(out).toContain('<span class="l cut" id="run-1-s1-l6"><span class="n">6</span>… truncated: 34 of 9000 characters shown</span>');
    expect(out).toContain('<td class="path"><a href="#run-1-s1-l2" title="not in the excerpt; nearest: $.items, line 2"><code>$.items[1].price</code></a></td>');
    expect(out).toContain('<span class="l hit" id="run-1-s1-l2">');
    expect(out.match(/class="l hit/g)).toHaveLength(1);
  });

  it('escapes hostile payload text everywhere: nothing in it becomes markup', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('onerror="');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html.match(/<img\b/g)).toBeNull();
    const escaped = '&lt;/script&gt;&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;amp; &#34;q&#34; &#39;s&#39;';
    const run = articleOf(html, 'run-4');
    expect(run).toContain(`<b>names are plain ${escaped}`);
    expect(run).toContain(`<td class="value actual">${escaped}`);
    expect(run).toContain(`data-check="names are plain ${escaped}`);
    expect(run).toContain(`&#34;name&#34;: &#34;${escaped.replaceAll('&#34;', '\\&#34;')}`);
  });

  it('escapes names used in attributes and ids, so a probe name cannot break out of one', () => {
    const run: RunResult = { ...FAILED_RUN, probe: 'x" onmouseover="alert(1)', persona: "a'><b>" };
    const out = renderHtmlReport({ ...KNOWN_REPORT, results: [run] });
    expect(out).toContain('data-probe="x&#34; onmouseover=&#34;alert(1)" data-persona="a&#39;&gt;&lt;b&gt;"');
    expect(out).not.toContain('onmouseover="');
    expect(out).not.toContain('<b>"');
  });
});

describe('renderHtmlReport: artifacts', () => {
  const run: RunResult = {
    ...FAILED_RUN,
    artifacts: ['artifacts/home/screenshot.png', 'artifacts/home/trace.zip', 'artifacts/home/page.html', 'artifacts/home/console.log'],
  };

  it('shows screenshots inline, and links traces, snapshots and other files, relative to the report', () => {
    const out = renderHtmlReport({ ...KNOWN_REPORT, results: [run] });
    expect(out).toContain(
      '<figure><a href="artifacts/home/screenshot.png"><img src="artifacts/home/screenshot.png" alt="screenshot of recommendations · new-user · staging" loading="lazy"></a><figcaption>screenshot.png</figcaption></figure>',
    );
    expect(out).toContain('<a href="artifacts/home/trace.zip" data-artifact="trace">Playwright trace: trace.zip</a>');
    expect(out).toContain('<a href="artifacts/home/page.html" data-artifact="snapshot">HTML snapshot: page.html</a>');
    expect(out).toContain('<a href="artifacts/home/console.log" data-artifact="file">file: console.log</a>');
  });

  it('encodes each path segment, so no file name can become a scheme, a query or a fragment', () => {
    expect(relativeHref('artifacts/a b/#1?x.png')).toBe('artifacts/a%20b/%231%3Fx.png');
    expect(relativeHref('javascript:alert(1)//x.png')).toBe('javascript%3Aalert(1)//x.png');
    expect(relativeHref('run\\shot.png')).toBe('run/shot.png');
  });
});

describe('HtmlReporter', () => {
  it('links artifacts inside the output folder where they are, copies the others in, and marks missing ones', async () => {
    const cwd = await mkdtemp(join(dir, 'cwd-'));
    await mkdir(join(cwd, 'out/artifacts/home'), { recursive: true });
    await mkdir(join(cwd, 'elsewhere'), { recursive: true });
    await writeFile(join(cwd, 'out/artifacts/home/screenshot.png'), 'png bytes');
    await writeFile(join(cwd, 'elsewhere/trace.zip'), 'zip bytes');
    const run: RunResult = { ...FAILED_RUN, artifacts: ['out/artifacts/home/screenshot.png', 'elsewhere/trace.zip', 'gone/page.html'] };
    const report: Report = { ...KNOWN_REPORT, results: [FAILED_RUN, run] };

    await new HtmlReporter(join(cwd, 'out/report.html'), cwd).onEnd(report);

    const out = await readFile(join(cwd, 'out/report.html'), 'utf8');
    expect(out).toContain('<img src="artifacts/home/screenshot.png"');
    expect(out).toContain('<a href="report-artifacts/run-2/2-trace.zip" data-artifact="trace">Playwright trace: trace.zip</a>');
    expect(await readFile(join(cwd, 'out/report-artifacts/run-2/2-trace.zip'), 'utf8')).toBe('zip bytes');
    expect(out).toContain('<p class="muted">HTML snapshot gone/page.html (missing)</p>');
    expect((await stat(join(cwd, 'out/report.html'))).isFile()).toBe(true);
  });

  it('shows a token echoed in a failing body as [REDACTED] in the payload excerpt', async () => {
    const persona: PersonaDefinition = { name: 'signed-in', setup: () => ({ variables: { token: TOKEN }, headers: { authorization: `Bearer ${TOKEN}` } }) };
    const probe: ProbeDefinition = {
      name: 'profile',
      steps: [{ name: 'get profile', api: { path: '/me' }, expect: { rules: [equals('$.user.plan', 'premium', { name: 'plan is premium' })] } }],
    };
    const result = await runProbe(plannedRun(probe, { name: 'scripted', url: server.url }, persona), runEnv({ overrides: { retries: 0 } }));
    expect(result.outcome).toBe('fail');
    expect(result.steps[0]!.excerpt).toBe(
      JSON.stringify({ user: { id: 'u-1', plan: 'free' }, session: { token: '[REDACTED]' } }, null, 2),
    );

    const file = join(dir, 'redacted', 'report.html');
    await new HtmlReporter(file, dir).onEnd({ ...KNOWN_REPORT, results: [result] });
    const out = await readFile(file, 'utf8');
    expect(out).not.toContain(TOKEN);
    expect(out).toContain('<span class="n">7</span>    &#34;token&#34;: &#34;[REDACTED]&#34;</span>');
    expect(out).toContain('<span class="l hit" id="run-1-s1-l4"><span class="n">4</span>    &#34;plan&#34;: &#34;free&#34;</span>');
  });
});
