// The CLI in-process, with its streams captured: for usage errors and commands that need no child process.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<Captured> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await main(['node', 'payloadwatch', ...args], { stdout, stderr, cwd: options.cwd, env: options.env ?? {} });
  return { code, stdout: out, stderr: err };
}
