// Probe files are found by globs relative to the config's folder, in a stable order so
// reports and diagnostics come out the same on every run.
import { glob } from 'tinyglobby';

export const DEFAULT_PROBE_GLOB = 'probes/**/*.probe.ts';

export async function findProbeFiles(globs: readonly string[], rootDir: string): Promise<string[]> {
  const files = await glob([...globs], { cwd: rootDir, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
  return files.sort();
}
