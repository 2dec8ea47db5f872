// Runs the real CLI, as a user would, in a child process.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/model/results.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${REPO_ROOT}bin/payloadwatch.js`;
export const DEMO_CONFIG = `${REPO_ROOT}payloadwatch.config.ts`;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...outsideCi(process.env), NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, durationMs: Date.now() - started }));
  });
}

/**
 * The environment without GitHub Actions' variables: when the suite itself runs in a job, a
 * CLI under test must neither annotate that job nor append to its step summary, unless a test says so.
 */
function outsideCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { GITHUB_ACTIONS: _actions, GITHUB_STEP_SUMMARY: _summary, ...rest } = env;
  return rest;
}

export async function readReport(outputDir: string): Promise<Report> {
  return JSON.parse(await readFile(`${outputDir}/report.json`, 'utf8')) as Report;
}
