// Probe files: found by glob, loaded, and every probe in them validated; names are unique
// across the project because they label reports and metrics.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ProbeDefinition } from '../model/definitions.ts';
import { isPlainObject, ShapeChecker } from './check-shape.ts';
import { childPath } from './child-path.ts';
import { definedAt } from './define.ts';
import { quote } from './describe-value.ts';
import type { Diagnostics } from './diagnostics.ts';
import { displayPath } from './display-path.ts';
import { exportedProbes, type ExportedProbe } from './exported-probes.ts';
import type { ModuleLoadSession } from './load-module.ts';
import type { SchemaUse } from './probe-context.ts';
import { DEFAULT_PROBE_GLOB, findProbeFiles } from './probe-files.ts';
import type { LoadedProbe } from './project.ts';
import { validateProbe } from './validate-probe.ts';

const PROBE_EXAMPLE = "export default defineProbe({ name: 'recommendations', steps: [ … ] })";

export interface ProbeLoading {
  session: ModuleLoadSession;
  /** Folder the globs are relative to: the config's. */
  rootDir: string;
  cwd: string;
  /** The config file as shown in messages. */
  configFile: string;
  globs: readonly string[];
  /** Persona names probes may use, `anonymous` included. */
  personas: readonly string[];
  /** Filled with every schema a probe names. */
  schemaUses: SchemaUse[];
  diagnostics: Diagnostics;
}

/** Where each probe name was first seen, so a duplicate can name it. */
type FirstPlaces = Map<string, { file: string; path: string }>;

export async function loadProbes(loading: ProbeLoading): Promise<LoadedProbe[]> {
  const { rootDir, configFile, globs, diagnostics } = loading;
  const files = await findProbeFiles(globs, rootDir);
  if (files.length === 0) {
    const usesDefault = globs.length === 1 && globs[0] === DEFAULT_PROBE_GLOB;
    const hint = usesDefault
      ? `create probes/<name>.probe.ts, or set 'probes' in ${configFile}`
      : `the globs are relative to the folder of ${configFile}`;
    diagnostics.warning(configFile, 'probes', `no probe files match ${globs.map(quote).join(', ')}`, hint);
    return [];
  }
  const firstPlaces: FirstPlaces = new Map();
  const probes: LoadedProbe[] = [];
  for (const absolutePath of files) probes.push(...(await loadProbeFile(absolutePath, loading, firstPlaces)));
  return probes;
}

async function loadProbeFile(absolutePath: string, loading: ProbeLoading, firstPlaces: FirstPlaces): Promise<LoadedProbe[]> {
  const { session, cwd, diagnostics } = loading;
  const file = displayPath(absolutePath, cwd);
  const loaded = await session.load(absolutePath);
  if (loaded.problem) {
    diagnostics.error(file, '', loaded.problem.message, loaded.problem.hint);
    return [];
  }
  const exported = exportedProbes(loaded.exports);
  if (exported.length === 0) {
    diagnostics.error(file, '', 'no probe exported', PROBE_EXAMPLE);
    return [];
  }
  try {
    return exported.flatMap((probe) => checkProbe(probe, exported.length > 1, file, loading, firstPlaces));
  } catch (error) {
    // Probes are user objects: a getter that throws must not end the whole load.
    diagnostics.error(file, '', `could not read the exported probes: ${(error as Error)?.message ?? String(error)}`);
    return [];
  }
}

function checkProbe(
  { exportPath, value }: ExportedProbe,
  several: boolean,
  file: string,
  loading: ProbeLoading,
  firstPlaces: FirstPlaces,
): LoadedProbe[] {
  const prefix = several ? exportPath : '';
  const check = new ShapeChecker(loading.diagnostics, file);
  validateProbe(value, prefix, { check, personas: loading.personas, schemaUses: loading.schemaUses });
  if (!isPlainObject(value)) return [];
  if (typeof value.name === 'string') {
    const earlier = firstPlaces.get(value.name);
    if (!earlier) firstPlaces.set(value.name, { file, path: prefix });
    else {
      const where = earlier.file === file ? `at ${earlier.path || 'the default export'}` : `in ${earlier.file}`;
      check.error(
        childPath(prefix, 'name'),
        `duplicate probe name ${quote(value.name)}: already defined ${where}`,
        'probe names label reports and metrics; make each one unique',
      );
    }
  }
  const place = projectPlace(definedAt(value), loading.cwd);
  return [{ definition: value as unknown as ProbeDefinition, file, ...(place ? { definedAt: place } : {}) }];
}

/**
 * `definedAt` relative to cwd. Dropped when it is not a real file: a file compiled to
 * CommonJS runs from a data: URL whose positions Node cannot map back to the source.
 */
function projectPlace(place: string | undefined, cwd: string): string | undefined {
  const match = place ? /^(.*):(\d+):(\d+)$/.exec(place) : null;
  if (!match || !path.isAbsolute(match[1]!) || !existsSync(match[1]!)) return undefined;
  return `${displayPath(match[1]!, cwd)}:${match[2]}:${match[3]}`;
}
