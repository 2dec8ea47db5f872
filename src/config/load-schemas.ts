// The schemas folder, and every schema a probe names checked against it.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SchemaRegistry } from '../validate/schemas.ts';
import type { Diagnostics } from './diagnostics.ts';
import { quote } from './describe-value.ts';
import { displayPath } from './display-path.ts';
import type { SchemaUse } from './probe-context.ts';

export const DEFAULT_SCHEMAS_DIR = 'schemas';

export interface SchemasSetting {
  /** Absolute. */
  dir: string;
  /** Whether the config names the folder, rather than relying on the default. */
  configured: boolean;
  /** The config file as shown in messages. */
  configFile: string;
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

export async function loadSchemas(
  setting: SchemasSetting,
  uses: readonly SchemaUse[],
  diagnostics: Diagnostics,
  cwd: string,
): Promise<SchemaRegistry> {
  const shownDir = displayPath(setting.dir, cwd);
  if (!(await isDirectory(setting.dir))) {
    const registry = SchemaRegistry.empty();
    for (const use of uses) {
      if (typeof use.ref === 'string') {
        diagnostics.error(
          use.file,
          use.path,
          `no schema ${quote(use.ref)}: the schemas folder '${shownDir}' does not exist`,
          `create ${shownDir}/${use.ref}, or set 'schemas' in ${setting.configFile} to the folder that holds it`,
        );
      } else {
        reportUnusable(registry, use, diagnostics);
      }
    }
    if (setting.configured && !uses.some((use) => typeof use.ref === 'string')) {
      const message = `the schemas folder '${shownDir}' does not exist`;
      diagnostics.warning(setting.configFile, 'schemas', message, "create it, or remove 'schemas' from the config");
    }
    return registry;
  }
  const { registry, problems } = await SchemaRegistry.load(setting.dir);
  for (const problem of problems) {
    diagnostics.error(displayPath(path.join(setting.dir, problem.file), cwd), '', problem.message, problem.hint);
  }
  for (const use of uses) reportUnusable(registry, use, diagnostics);
  return registry;
}

function reportUnusable(registry: SchemaRegistry, use: SchemaUse, diagnostics: Diagnostics): void {
  const problem = registry.problem(use.ref);
  if (problem !== undefined) diagnostics.error(use.file, use.path, problem);
}
