// `payloadwatch init [dir]`: a working start in an empty (or new) folder — a config, one
// persona, an API probe with its schema, a page probe — that passes `validate` and runs
// against the demo shop as written.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { scaffoldFiles } from './init-templates.ts';

/** The demo shop's address when `payloadwatch demo shop` serves it. */
export const DEMO_SHOP_URL = 'http://127.0.0.1:4010';

export interface InitOptions {
  /** Base URL of the scaffold's one target. */
  target?: string;
  /** Write into a folder that is not empty; files of the same names are replaced. */
  force?: boolean;
}

/** Entries that do not make a folder "not empty": a fresh `git init` is a fine place to start. */
const IGNORED_ENTRIES = new Set(['.git', '.DS_Store']);

export async function initCommand(dir: string | undefined, options: InitOptions, io: CliIO): Promise<ExitCode> {
  const root = resolve(io.cwd, dir ?? '.');
  const shown = relative(io.cwd, root) || '.';
  const targetUrl = (options.target ?? DEMO_SHOP_URL).replace(/\/+$/, '');
  if (!isHttpUrl(targetUrl)) {
    io.stderr.write(`error: --target: expected an http(s) base URL such as https://staging.example.com, got '${options.target}'\n`);
    return EXIT.usage;
  }

  const existing = await entriesOf(root);
  if (existing === 'not-a-folder') {
    io.stderr.write(`error: ${shown} is a file, not a folder\n  hint: name a new or empty folder: payloadwatch init my-probes\n`);
    return EXIT.usage;
  }
  const files = scaffoldFiles({ name: packageName(basename(root)), targetName: targetNameFor(targetUrl), targetUrl });
  if (existing.length && !options.force) {
    const listed = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ', …' : '');
    io.stderr.write(
      `error: ${shown} is not empty (${existing.length} ${existing.length === 1 ? 'entry' : 'entries'}: ${listed})\n` +
        `  hint: name a new or empty folder (payloadwatch init my-probes), or pass --force to write the scaffold here, replacing files of the same names\n`,
    );
    return EXIT.usage;
  }

  const replaced: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const path = join(root, file);
    if (existing.length && (await entriesOf(path)) === 'not-a-folder') replaced.push(file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }

  const lines = [`payloadwatch init: wrote ${Object.keys(files).length} files in ${shown}`];
  for (const file of Object.keys(files)) lines.push(`  ${file}${replaced.includes(file) ? '  (replaced)' : ''}`);
  lines.push(
    '',
    'Next:',
    ...(shown === '.' ? [] : [`  cd ${shown}`]),
    '  npm install',
    '  npx payloadwatch validate',
    `  npx payloadwatch run${targetUrl === DEMO_SHOP_URL ? '            # with the demo shop running: npx payloadwatch demo shop' : ''}`,
    '',
  );
  io.stdout.write(lines.join('\n'));
  return EXIT.ok;
}

async function entriesOf(path: string): Promise<string[] | 'not-a-folder'> {
  try {
    if (!(await stat(path)).isDirectory()) return 'not-a-folder';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return (await readdir(path)).filter((name) => !IGNORED_ENTRIES.has(name)).sort();
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `local` for a loopback address, else `staging`: the target a new project most likely points at first. */
export function targetNameFor(url: string): string {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host) ? 'local' : 'staging';
}

/** A folder name made into an npm package name. */
export function packageName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-]+$/g, '');
  return name || 'payload-probes';
}
