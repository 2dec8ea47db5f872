// `payloadwatch compare --serve`: the canary gate as an HTTP webhook, for Flagger's
// pre-rollout and rollout webhooks (and anything else that can POST and read a status).
// Each POST runs one comparison and answers 200 when the canary passes, 500 when it does
// not (FAIL or INCONCLUSIVE), with the verdict and its reasons as JSON. The webhook's
// `metadata` may name the baseline and the canary; otherwise the command line's are used.
//
// A webhook that times out is retried while the first comparison still runs: a POST for
// the same targets joins the comparison in flight instead of starting another one.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompareReport } from './compare-report.ts';

export interface GateTargets {
  baseline?: string;
  canary?: string;
}

/** A request the gate cannot run: answered 400 with the message. */
export class GateRequestError extends Error {
  override name = 'GateRequestError';
}

export interface GateServerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Runs one comparison; throws GateRequestError for a request it cannot run. */
  compare(targets: GateTargets): Promise<CompareReport>;
  /** An unexpected failure of a comparison (answered 500). */
  onError?(error: unknown): void;
}

export interface RunningGate {
  /** `http://host:port`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** What the webhook answers; the full report is the JSON reporter's. */
export interface GateAnswer {
  verdict: CompareReport['verdict'];
  advisory: boolean;
  score: number | null;
  reasons: string[];
  warnings: string[];
  baseline: string;
  canary: string;
  seed: number;
  rounds: number;
}

export const GATE_PATHS = ['/', '/gate'] as const;
const MAX_BODY_BYTES = 64 * 1024;

export async function startCompareGate(options: GateServerOptions): Promise<RunningGate> {
  const inFlight = new Map<string, Promise<CompareReport>>();
  const compareOnce = (targets: GateTargets): Promise<CompareReport> => {
    const key = JSON.stringify([targets.baseline ?? null, targets.canary ?? null]);
    let running = inFlight.get(key);
    if (!running) {
      running = options.compare(targets).finally(() => inFlight.delete(key));
      inFlight.set(key, running);
    }
    return running;
  };

  const server = createServer((request, response) => {
    handle(request, response, compareOnce, options.onError).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port, family } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '[::1]' : family === 'IPv6' ? `[${address}]` : address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  compare: (targets: GateTargets) => Promise<CompareReport>,
  onError: ((error: unknown) => void) | undefined,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://gate').pathname;
  if (path === '/healthz') return reply(response, 200, { status: 'ok' });
  if (!(GATE_PATHS as readonly string[]).includes(path)) return reply(response, 404, { error: `no route for ${path}; POST to /gate` });
  if (request.method !== 'POST') return reply(response, 405, { error: `${path} accepts POST` }, { allow: 'POST' });

  let targets: GateTargets;
  try {
    targets = targetsOf(await readBody(request));
  } catch (error) {
    return reply(response, 400, { error: (error as Error).message });
  }
  try {
    const report = await compare(targets);
    const passed = report.verdict === 'PASS' || report.options.advisory;
    return reply(response, passed ? 200 : 500, answerOf(report));
  } catch (error) {
    if (error instanceof GateRequestError) return reply(response, 400, { error: error.message });
    onError?.(error);
    return reply(response, 500, { error: `the comparison could not run: ${(error as Error)?.message ?? String(error)}` });
  }
}

function answerOf(report: CompareReport): GateAnswer {
  return {
    verdict: report.verdict,
    advisory: report.options.advisory,
    score: report.score,
    reasons: report.reasons,
    warnings: report.warnings,
    baseline: report.baseline.url,
    canary: report.canary.url,
    seed: report.seed,
    rounds: report.rounds,
  };
}

/** Flagger sends `{ name, namespace, phase, metadata: { … } }`; a plain `{ baseline, canary }` works too. */
export function targetsOf(body: string): GateTargets {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new GateRequestError('the body is not JSON; send {"metadata": {"baseline": URL, "canary": URL}} or nothing');
  }
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const top = record(parsed);
  const metadata = record(top['metadata']);
  const targets: GateTargets = {};
  for (const side of ['baseline', 'canary'] as const) {
    const value = metadata[side] ?? top[side];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new GateRequestError(`${side}: expected a URL or a target name, got ${JSON.stringify(value)}`);
    targets[side] = value.trim();
  }
  return targets;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GateRequestError(`the body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}
