// Starts the demo shop in a child process on 127.0.0.1 and a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './paths.ts';

const SERVER = fileURLToPath(new URL('./shop-server.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface ShopProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** `latencyMs`: every request waits that long first, like an endpoint across a network. */
export async function startShopProcess(options: { latencyMs?: number } = {}): Promise<ShopProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, '--latency-ms', String(options.latencyMs ?? 0)], {
    cwd: PACKAGE_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await firstUrl(child);
  let closed: Promise<void> | undefined;
  return {
    url,
    pid: child.pid!,
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin?.end();
      });
      return closed;
    },
  };
}

function firstUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo shop did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo shop exited with code ${code} before listening`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch (error) {
        reject(new Error(`the demo shop printed '${line}' instead of its URL`, { cause: error }));
      }
    });
  });
}

/** A fresh demo-shop user and its bearer token (recommendations need a signed-in user). */
export async function createShopUser(url: string): Promise<{ id: string; token: string }> {
  const response = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench shopper' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/users answered ${response.status}, expected 201`);
  return (await response.json()) as { id: string; token: string };
}
