// A page run that does not pass leaves a screenshot, a trace and an HTML snapshot, with the
// run's secrets taken out of the snapshot and the trace; a run that passes leaves nothing.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceMode } from '../../../src/model/definitions.ts';
import type { RunResult } from '../../../src/model/results.ts';
import { REDACTED } from '../../../src/personas/redaction.ts';
import type { RunEnvironment } from '../../../src/runner/run-probe.ts';
import { readZip } from '../../../src/steps/page/redact-zip.ts';
import { dom } from '../../../src/validate/dom.ts';
import { html, json, runSteps, startPages, useBrowser, visit } from './page-fixtures.ts';

const browser = useBrowser();
const TOKEN = 'tok-7f3a9c2e5b1d';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server: Awaited<ReturnType<typeof startPages>>;
beforeAll(async () => {
  server = await startPages({
    // The page shows the session token in its DOM and sends it back to its API.
    '/account': html(`<h1>Account</h1><p id="token">Your token: ${TOKEN}</p><ul id="orders"></ul>`, `fetch('/api/orders?token=${TOKEN}').then((r) => r.json())`),
    '/api/orders': json({ items: [], token: TOKEN }),
  });
});
afterAll(() => server.close());

const persona = { name: 'buyer', setup: () => ({ variables: { token: TOKEN }, cookies: { session: TOKEN } }) };

describe('a page run that fails', () => {
  it('keeps a PNG screenshot, a trace zip and a redacted HTML snapshot, listed relative to the working directory', async () => {
    const result = await runSteps([visit('/account', { expect: { dom: [dom.count('.order', { min: 1 })] } }, { waitUntil: 'networkidle' })], server, browser, {
      persona,
      probe: { name: 'account page' },
    });
    expect(result.outcome).toBe('fail');
    expect(result.artifacts).toHaveLength(3);
    const [screenshot, snapshot, trace] = result.artifacts;
    expect(screenshot).toMatch(/^artifacts\/account-page\/buyer\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\/screenshot\.png$/);
    expect(snapshot).toBe(screenshot!.replace('screenshot.png', 'page.html'));
    expect(trace).toBe(screenshot!.replace('screenshot.png', 'trace.zip'));

    const png = await readFile(join(browser.outputDir, screenshot!));
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(png.length).toBeGreaterThan(1000);

    const page = await readFile(join(browser.outputDir, snapshot!), 'utf8');
    expect(page).toContain(`Your token: ${REDACTED}`);
    expect(page).not.toContain(TOKEN);

    const zip = await readFile(join(browser.outputDir, trace!));
    const entries = readZip(zip);
    expect(entries.map((e) => e.name.toString())).toEqual(expect.arrayContaining(['trace.trace', 'trace.network']));
    for (const entry of entries) expect(entry.data.includes(TOKEN), `${entry.name} holds the token`).toBe(false);
    const network = entries.find((e) => e.name.toString() === 'trace.network')!.data.toString('utf8');
    expect(network).toContain(`session=${REDACTED}`);
  });

  it('keeps the artifacts of every attempt that did not pass, each in its own folder', async () => {
    const result = await runSteps([visit('/account', { expect: { dom: [dom.count('.order', { min: 1 })] } })], server, browser, {
      persona,
      probe: { name: 'retried', retries: 1, retryOn: 'any' },
    });
    expect(result.attempts).toBe(2);
    expect(result.artifacts).toHaveLength(6);
    const folders = await readdir(join(browser.outputDir, 'artifacts', 'retried', 'buyer'));
    expect(folders).toHaveLength(2);
  });
});

describe('the trace of a page run that fails', () => {
  const failing = () => visit('/account', { expect: { dom: [dom.count('.order', { min: 1 })] } }, { waitUntil: 'networkidle' });
  const traceEvents = async (result: RunResult) => {
    const zip = await readFile(join(browser.outputDir, result.artifacts.find((a) => a.endsWith('trace.zip'))!));
    return readZip(zip).find((e) => e.name.toString() === 'trace.trace')!.data.toString('utf8');
  };
  const withTrace = (trace: TraceMode): Partial<RunEnvironment> => ({ pages: { browser: browser.pool, outputDir: browser.outputDir, cwd: browser.outputDir, trace } });

  it('holds DOM snapshots and no screencast frames by default', async () => {
    const result = await runSteps([failing()], server, browser, { persona, probe: { name: 'trace default' } });
    const events = await traceEvents(result);
    expect(events).toContain('"type":"frame-snapshot"');
    expect(events).not.toContain('"type":"screencast-frame"');
  });

  it("holds screencast frames too with browser.trace 'screencast'", async () => {
    const result = await runSteps([failing()], server, browser, { persona, probe: { name: 'trace screencast' }, env: withTrace('screencast') });
    const events = await traceEvents(result);
    expect(events).toContain('"type":"frame-snapshot"');
    expect(events).toContain('"type":"screencast-frame"');
  });

  it("is not recorded with browser.trace 'off', while the screenshot and HTML snapshot are still kept", async () => {
    const result = await runSteps([failing()], server, browser, { persona, probe: { name: 'trace off' }, env: withTrace('off') });
    expect(result.outcome).toBe('fail');
    expect(result.artifacts.map((a) => a.split('/').pop())).toEqual(['screenshot.png', 'page.html']);
  });
});

describe('a page run that passes', () => {
  it('keeps nothing', async () => {
    const result = await runSteps([visit('/account', { expect: { dom: [dom.text('h1', 'Account')] } })], server, browser, { persona, probe: { name: 'passing' } });
    expect(result.outcome).toBe('pass');
    expect(result.artifacts).toEqual([]);
    expect(existsSync(join(browser.outputDir, 'artifacts', 'passing'))).toBe(false);
  });
});

describe('a run without page steps', () => {
  it('has no artifacts', async () => {
    const result = await runSteps([{ name: 'api', api: { path: '/api/orders' }, expect: { status: 500 } }], server, browser, { probe: { name: 'api only' } });
    expect(result.outcome).toBe('fail');
    expect(result.artifacts).toEqual([]);
  });
});
