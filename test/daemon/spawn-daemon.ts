// `payloadwatch daemon` as a user starts it: a child process of the real CLI, its JSON log
// lines read as they come, its URL taken from the start-up line.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../support/cli.ts';
import { BUYER_ENV } from '../support/demo-shop.ts';

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SpawnedDaemon {
  child: ChildProcess;
  /** Set once the start-up line is logged. */
  url: string;
  logs: LogRecord[];
  /** stderr lines that are not JSON (printed diagnostics, usage errors). */
  text: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log record that matches, or rejects after `timeoutMs`. */
  waitForLog(match: (record: LogRecord) => boolean, timeoutMs?: number, what?: string): Promise<LogRecord>;
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`) unless it has exited; for afterAll. */
  kill(graceMs?: number): Promise<void>;
}

export function spawnDaemon(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): SpawnedDaemon {
  const child = spawn(process.execPath, [CLI, 'daemon', '--port', '0', ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...BUYER_ENV, NO_COLOR: '1', OTEL_METRICS_EXPORTER: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogRecord[] = [];
  const text: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogRecord);
      } catch {
        text.push(line);
      }
    }
    for (const wake of [...waiters]) wake();
  });
  child.stdout!.resume();
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      if (buffer) text.push(buffer);
      for (const wake of [...waiters]) wake();
      resolve({ code, signal });
    });
  });

  const daemon: SpawnedDaemon = {
    child,
    url: '',
    logs,
    text,
    exited,
    waitForLog(match, timeoutMs = 15_000, what = 'a matching log line') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (found) {
            finish();
            resolve(found);
          } else if (done) {
            finish();
            reject(new Error(`daemon exited before ${what}; stderr:\n${[...text, ...logs.map((l) => JSON.stringify(l))].join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no ${what} within ${timeoutMs} ms; logs:\n${logs.map((l) => l.msg).join('\n')}\n${text.join('\n')}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async kill(graceMs = 5_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return daemon;
}

/** Spawns and waits until the daemon says it is listening. */
export async function startSpawnedDaemon(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<SpawnedDaemon> {
  const daemon = spawnDaemon(args, options);
  try {
    const started = await daemon.waitForLog((r) => typeof r.msg === 'string' && r.msg.startsWith('payloadwatch daemon listening on'), 20_000, 'the start-up line');
    daemon.url = started.url as string;
    return daemon;
  } catch (error) {
    await daemon.kill();
    throw error;
  }
}

/** The runs the daemon logged as finished, per probe/persona. */
export function finishedRuns(logs: readonly LogRecord[], probe?: string, persona?: string): LogRecord[] {
  return logs.filter((r) => r.msg === 'run finished' && (!probe || r.probe === probe) && (!persona || r.persona === persona));
}

export async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
