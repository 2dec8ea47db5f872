// Loads the user's TypeScript or JavaScript files at run time through tsx: no build step.
// Each session imports under its own tsx namespace, so every module (and what it imports)
// is evaluated afresh: a reload after SIGHUP sees files edited since the last load.
// One session serves a whole project load (tsImport would add hooks for every file), and
// its hooks stay registered: a custom rule or persona setup may `import()` a TypeScript
// helper lazily, long after loading finished.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm, type NamespacedUnregister } from 'tsx/esm/api';
import { describeLoadError, type LoadProblem } from './describe-load-error.ts';

export type ModuleExports = Readonly<Record<string, unknown>>;

export type ModuleLoadResult = { exports: ModuleExports; problem?: undefined } | { exports?: undefined; problem: LoadProblem };

/**
 * A file without `"type": "module"` in its package is compiled to CommonJS, and Node then
 * shows `module.exports` as the default export; unwrap it so both kinds look the same.
 */
function esmView(namespace: ModuleExports): ModuleExports {
  const fallback = namespace.default as { __esModule?: boolean } | undefined;
  return fallback && typeof fallback === 'object' && fallback.__esModule === true ? (fallback as ModuleExports) : namespace;
}

export class ModuleLoadSession {
  private readonly esm: NamespacedUnregister;

  constructor(
    /** Messages name files relative to this folder. */
    private readonly cwd: string,
  ) {
    const namespace = randomUUID();
    this.esm = registerEsm({ namespace });
    // A file compiled to CommonJS `require`s its imports; those go through tsx's CommonJS
    // hooks, under the same namespace so they are fresh too (as `tsImport` does).
    registerCommonJs({ namespace });
  }

  /** Never throws: a file that cannot be loaded comes back as a problem. */
  async load(absolutePath: string): Promise<ModuleLoadResult> {
    try {
      const namespace = (await this.esm.import(pathToFileURL(absolutePath).href, import.meta.url)) as ModuleExports;
      return { exports: esmView(namespace) };
    } catch (error) {
      return { problem: await describeLoadError(error, absolutePath, this.cwd) };
    }
  }
}
