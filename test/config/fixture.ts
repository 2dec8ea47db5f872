// Fixture projects in temp folders, shaped like a user's repository: probe files import
// from 'payloadwatch', which resolves through node_modules to this repository.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../src/config/diagnostics.ts';
import { loadProject, type LoadProjectResult } from '../../src/config/load-project.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FixtureOptions {
  /** Write `"type": "module"` into package.json (default), as an ESM TypeScript project has. */
  esm?: boolean;
}

export class Fixture {
  private constructor(readonly dir: string) {}

  static async create(files: Record<string, string>, options: FixtureOptions = {}): Promise<Fixture> {
    const fixture = new Fixture(await mkdtemp(path.join(os.tmpdir(), 'payloadwatch-config-')));
    const packageJson = options.esm === false ? { name: 'fixture' } : { name: 'fixture', type: 'module' };
    await fixture.write('package.json', JSON.stringify(packageJson));
    await mkdir(path.join(fixture.dir, 'node_modules'));
    await symlink(REPO_ROOT, path.join(fixture.dir, 'node_modules', 'payloadwatch'), 'dir');
    for (const [file, text] of Object.entries(files)) await fixture.write(file, text);
    return fixture;
  }

  async write(file: string, text: string): Promise<void> {
    const target = path.join(this.dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }

  async remove(file: string): Promise<void> {
    await rm(path.join(this.dir, file), { recursive: true, force: true });
  }

  /**
   * vitest installs its own `Error.prepareStackTrace`, which does not apply the source maps
   * tsx writes; without it Node maps stack positions back to the TypeScript source, as it
   * does when payloadwatch runs for real, so `definedAt` and "thrown at" are checked as users see them.
   */
  async load(options: { config?: string } = {}): Promise<LoadProjectResult> {
    const errorClass = Error as { prepareStackTrace?: unknown };
    const vitestStackFormatter = errorClass.prepareStackTrace;
    errorClass.prepareStackTrace = undefined;
    try {
      return await loadProject({ cwd: this.dir, ...options });
    } finally {
      errorClass.prepareStackTrace = vitestStackFormatter;
    }
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A config that is valid, for tests about probes. */
export const VALID_CONFIG = `import { defineConfig, definePersona } from 'payloadwatch';

export default defineConfig({
  targets: { production: 'https://shop.example.com', staging: 'https://staging.example.com' },
  personas: [definePersona({ name: 'new-user', setup: async () => ({ variables: { userId: 'u1' } }) })],
});
`;

/** A probe file holding one valid probe named `name`. */
export function validProbe(name: string): string {
  return `import { defineProbe, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: '${name}',
  steps: [{ name: 'list', api: { path: '/api/items' }, expect: { rules: [nonEmpty('$.items')] } }],
});
`;
}

export function error(file: string, path: string, message: string, hint?: string): Diagnostic {
  return { severity: 'error', file, path, message, ...(hint ? { hint } : {}) };
}

export function warning(file: string, path: string, message: string, hint?: string): Diagnostic {
  return { severity: 'warning', file, path, message, ...(hint ? { hint } : {}) };
}
