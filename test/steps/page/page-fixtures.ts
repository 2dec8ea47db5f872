// Small pages of our own for page-step tests: a loopback server that answers each path with
// the HTML or JSON a test gives it, one browser per test file, and runs made as the runner
// makes them.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { PageStep, PersonaDefinition, ProbeDefinition, Step } from '../../../src/model/definitions.ts';
import type { RunResult } from '../../../src/model/results.ts';
import { runProbe, type RunEnvironment } from '../../../src/runner/run-probe.ts';
import { BrowserPool } from '../../../src/steps/page/browser-pool.ts';
import { plannedRun, runEnv } from '../../support/runner-fixtures.ts';
import { startTestServer, type TestServer } from '../../support/http-server.ts';

export type Answer =
  | string
  | { status?: number; type?: string; body: string; headers?: Record<string, string>; delayMs?: number }
  | ((request: IncomingMessage, response: ServerResponse) => void | Promise<void>);

/** Paths (query ignored) to answers: a string is an HTML page. Anything else is a 404. */
export async function startPages(pages: Record<string, Answer>): Promise<TestServer & { pages: Record<string, Answer> }> {
  const server = await startTestServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const answer = pages[path];
    if (answer === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    if (typeof answer === 'function') return answer(request, response);
    const { status = 200, type = 'text/html; charset=utf-8', body, headers = {}, delayMs = 0 } = typeof answer === 'string' ? { body: answer } : answer;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    response.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers });
    response.end(body);
  });
  return Object.assign(server, { pages });
}

export function json(body: unknown, status = 200): Answer {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

/** An HTML document: `main` holds the body; scripts run after it. */
export function html(main: string, script = '', head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>test</title>${head}</head><body><main id="main">${main}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

/** One browser for the file, closed after it; its launches can be counted. */
export function useBrowser(options: ConstructorParameters<typeof BrowserPool>[0] = {}): { readonly pool: BrowserPool; readonly outputDir: string } {
  const holder = {} as { pool: BrowserPool; outputDir: string };
  beforeAll(async () => {
    holder.pool = new BrowserPool({ pageConcurrency: 2, ...options });
    holder.outputDir = await mkdtemp(join(tmpdir(), 'pw-pages-'));
  });
  afterAll(async () => {
    await holder.pool?.close();
    if (holder.outputDir) await rm(holder.outputDir, { recursive: true, force: true });
  });
  return holder;
}

export function pageProbe(steps: readonly Step[], extra: Partial<ProbeDefinition> = {}): ProbeDefinition {
  return { name: 'page', retries: 0, steps, ...extra };
}

/** One run of a probe made of `steps` against the server, as the runner makes it. */
export async function runSteps(
  steps: readonly Step[],
  server: { url: string },
  browser: { pool: BrowserPool; outputDir: string },
  options: { persona?: PersonaDefinition; probe?: Partial<ProbeDefinition>; env?: Partial<RunEnvironment> } = {},
): Promise<RunResult> {
  const plan = plannedRun(pageProbe(steps, options.probe), { name: 'test', url: server.url }, options.persona);
  return runProbe(plan, runEnv({ pages: { browser: browser.pool, outputDir: browser.outputDir, cwd: browser.outputDir }, ...options.env }));
}

/** A page step with a short timeout, so a failing wait costs little. */
export function visit(path: string, rest: Partial<PageStep> = {}, page: Partial<PageStep['page']> = {}): PageStep {
  return { name: `visit ${path}`, page: { path, timeout: '3s', ...page }, ...rest };
}
