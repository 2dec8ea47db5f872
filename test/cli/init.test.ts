import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageName, targetNameFor } from '../../src/cli/commands/init.ts';
import { VERSION } from '../../src/version.ts';
import { runMain } from './cli-harness.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pw-init-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const FILES = [
  '.gitignore',
  'README.md',
  'package.json',
  'payloadwatch.config.ts',
  'probes/example-page.probe.ts',
  'probes/example.probe.ts',
  'probes/personas.ts',
  'schemas/example.schema.json',
];

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)));
    else out.push(`${prefix}${entry.name}`);
  }
  return out.sort();
}

describe('payloadwatch init', () => {
  it('scaffolds a new folder and says what to do next', async () => {
    const { code, stdout, stderr } = await runMain(['init', 'new-probes'], { cwd: root });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(await listFiles(join(root, 'new-probes'))).toEqual(FILES);
    expect(stdout).toBe(
      [
        'payloadwatch init: wrote 8 files in new-probes',
        '  payloadwatch.config.ts',
        '  probes/personas.ts',
        '  probes/example.probe.ts',
        '  probes/example-page.probe.ts',
        '  schemas/example.schema.json',
        '  package.json',
        '  .gitignore',
        '  README.md',
        '',
        'Next:',
        '  cd new-probes',
        '  npm install',
        '  npx payloadwatch validate',
        '  npx payloadwatch run            # with the demo shop running: npx payloadwatch demo shop',
        '',
      ].join('\n'),
    );
  });

  it('points the config at the demo shop by default, or at --target', async () => {
    await runMain(['init', 'demo'], { cwd: root });
    expect(await readFile(join(root, 'demo/payloadwatch.config.ts'), 'utf8')).toContain(`targets: {\n    "local": "http://127.0.0.1:4010",\n  },`);
    const { code } = await runMain(['init', 'staging', '--target', 'https://staging.example.com/'], { cwd: root });
    expect(code).toBe(0);
    expect(await readFile(join(root, 'staging/payloadwatch.config.ts'), 'utf8')).toContain(`targets: {\n    "staging": "https://staging.example.com",\n  },`);
  });

  it('writes an ESM package that depends on payloadwatch', async () => {
    await runMain(['init', 'My Probes!'], { cwd: root });
    expect(JSON.parse(await readFile(join(root, 'My Probes!/package.json'), 'utf8'))).toEqual({
      name: 'my-probes',
      private: true,
      type: 'module',
      scripts: { 'probes:validate': 'payloadwatch validate', 'probes:run': 'payloadwatch run' },
      devDependencies: { payloadwatch: `^${VERSION}` },
    });
    const schema = JSON.parse(await readFile(join(root, 'My Probes!/schemas/example.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(await readFile(join(root, 'My Probes!/probes/example-page.probe.ts'), 'utf8')).toContain("page: { path: '/', waitUntil: 'networkidle' }");
  });

  it('refuses a folder that is not empty, exit 2 with a hint, and writes nothing', async () => {
    const dir = join(root, 'busy');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const { code, stdout, stderr } = await runMain(['init', 'busy'], { cwd: root });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: busy is not empty (1 entry: notes.txt)\n' +
        '  hint: name a new or empty folder (payloadwatch init my-probes), or pass --force to write the scaffold here, replacing files of the same names\n',
    );
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('writes into a folder that is not empty with --force, keeping other files and replacing its own', async () => {
    const dir = join(root, 'forced');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await writeFile(join(dir, 'README.md'), 'old readme');
    const { code, stdout } = await runMain(['init', 'forced', '--force'], { cwd: root });
    expect(code).toBe(0);
    expect(stdout).toContain('  README.md  (replaced)\n');
    expect(stdout).not.toContain('package.json  (replaced)');
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toMatch(/^## Payload checks\n/);
  });

  it('takes a folder holding only a fresh git repository as empty', async () => {
    const dir = join(root, 'git-only');
    await mkdir(join(dir, '.git'), { recursive: true });
    const { code } = await runMain(['init'], { cwd: dir });
    expect(code).toBe(0);
    expect(await listFiles(dir).then((files) => files.filter((f) => !f.startsWith('.git/')))).toEqual(FILES);
  });

  it('refuses a target that is not an http(s) URL, and a path that is a file', async () => {
    const bad = await runMain(['init', 'x', '--target', 'staging.example.com'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("error: --target: expected an http(s) base URL such as https://staging.example.com, got 'staging.example.com'\n");
    await writeFile(join(root, 'a-file'), '');
    const file = await runMain(['init', 'a-file'], { cwd: root });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('error: a-file is a file, not a folder\n  hint: name a new or empty folder: payloadwatch init my-probes\n');
  });
});

describe('init helpers', () => {
  it.each([
    ['http://127.0.0.1:4010', 'local'],
    ['http://localhost:3000', 'local'],
    ['http://[::1]:8080', 'local'],
    ['https://staging.example.com', 'staging'],
  ])('names the target of %s %s', (url, name) => {
    expect(targetNameFor(url)).toBe(name);
  });

  it.each([
    ['shop-probes', 'shop-probes'],
    ['My Probes!', 'my-probes'],
    ['.hidden', 'hidden'],
    ['???', 'payload-probes'],
  ])('makes %j the package name %j', (folder, name) => {
    expect(packageName(folder)).toBe(name);
  });
});
