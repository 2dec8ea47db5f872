// Finds, loads and validates the config and every probe file, collecting every problem
// before anyone prints; a Project comes back only when there is no error.
import path from 'node:path';
import type { PayloadwatchConfig } from '../model/definitions.ts';
import { buildProject } from './build-project.ts';
import { isPlainObject, ShapeChecker, type PlainObject } from './check-shape.ts';
import { Diagnostics, type Diagnostic } from './diagnostics.ts';
import { displayPath } from './display-path.ts';
import { findConfigFile } from './find-config.ts';
import { ModuleLoadSession } from './load-module.ts';
import { loadProbes } from './load-probes.ts';
import { DEFAULT_SCHEMAS_DIR, loadSchemas } from './load-schemas.ts';
import type { SchemaUse } from './probe-context.ts';
import { DEFAULT_PROBE_GLOB } from './probe-files.ts';
import { ANONYMOUS_PERSONA, type Project } from './project.ts';
import { validateConfig } from './validate-config.ts';
import { declaredPersonaNames } from './validate-personas.ts';

export interface LoadProjectOptions {
  /**
   * The config file, relative to `cwd`; default: the first of `payloadwatch.config.ts`,
   * `.mts`, `.js`, `.mjs` in `cwd`.
   * @example { config: 'monitoring/payloadwatch.config.ts' }
   */
  config?: string;
  /** Folder that relative paths, in options and in messages, are relative to. Default `process.cwd()`. */
  cwd?: string;
}

export interface LoadProjectResult {
  /** Undefined when any diagnostic is an error. */
  project?: Project;
  diagnostics: Diagnostic[];
}

const CONFIG_EXAMPLE = "export default defineConfig({ targets: { production: 'https://shop.example.com' } })";

/** Never throws for a user's mistake: every problem becomes a diagnostic. */
export async function loadProject(options: LoadProjectOptions = {}): Promise<LoadProjectResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const diagnostics = new Diagnostics();
  const found = await findConfigFile(cwd, options.config);
  const configFile = displayPath(found.path, cwd);
  if (found.problem) {
    diagnostics.error(configFile, '', found.problem.message, found.problem.hint);
    return { diagnostics: diagnostics.items };
  }
  const project = await loadWithSession(new ModuleLoadSession(cwd), found.path, cwd, diagnostics);
  return diagnostics.hasErrors ? { diagnostics: diagnostics.items } : { project, diagnostics: diagnostics.items };
}

async function loadWithSession(
  session: ModuleLoadSession,
  configPath: string,
  cwd: string,
  diagnostics: Diagnostics,
): Promise<Project | undefined> {
  const configFile = displayPath(configPath, cwd);
  const loaded = await session.load(configPath);
  if (loaded.problem) {
    diagnostics.error(configFile, '', loaded.problem.message, loaded.problem.hint);
    return undefined;
  }
  const config = loaded.exports.default;
  if (config === undefined) {
    diagnostics.error(configFile, '', 'the config file has no default export', CONFIG_EXAMPLE);
    return undefined;
  }
  validateConfig(config, new ShapeChecker(diagnostics, configFile));
  // Probes are checked even when the config has errors, so one run shows every problem.
  const settings: PlainObject = isPlainObject(config) ? config : {};
  const rootDir = path.dirname(configPath);
  const schemaUses: SchemaUse[] = [];
  const personas = [...new Set([ANONYMOUS_PERSONA.name, ...declaredPersonaNames(settings.personas)])];
  const globs = probeGlobs(settings.probes);
  const probes = await loadProbes({ session, rootDir, cwd, configFile, globs, personas, schemaUses, diagnostics });
  const schemasSetting = typeof settings.schemas === 'string' && settings.schemas.trim() !== '' ? settings.schemas : undefined;
  const schemas = await loadSchemas(
    { dir: path.resolve(rootDir, schemasSetting ?? DEFAULT_SCHEMAS_DIR), configured: schemasSetting !== undefined, configFile },
    schemaUses,
    diagnostics,
    cwd,
  );
  if (diagnostics.hasErrors) return undefined;
  return buildProject({ config: config as PayloadwatchConfig, configFile, rootDir, probes, schemas });
}

function probeGlobs(setting: unknown): string[] {
  if (typeof setting === 'string' && setting.trim() !== '') return [setting];
  const usable = (glob: unknown): glob is string => typeof glob === 'string' && glob.trim() !== '';
  if (Array.isArray(setting) && setting.length > 0 && setting.every(usable)) return setting;
  return [DEFAULT_PROBE_GLOB];
}
