// Where a run's artifacts go: `<output>/artifacts/<probe>/<persona>/<timestamp>/`, one folder
// per attempt; runs of the same probe and persona starting in the same millisecond (a
// `--repeat`) get `-2`, `-3` after the timestamp rather than one another's files.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A name that is one safe path segment: `checkout · EU` → `checkout-EU`. */
export function pathSegment(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+|-+$/g, '');
  return safe === '' ? '_' : safe;
}

/** `2026-12-04T21-00-00-123Z`: an ISO time that every file system accepts. */
export function timestampSegment(when: Date): string {
  return when.toISOString().replace(/:/g, '-').replace('.', '-');
}

/** Creates the attempt's folder and returns its absolute path. */
export async function reserveArtifactDir(outputDir: string, probe: string, persona: string, when: Date): Promise<string> {
  const parent = join(outputDir, 'artifacts', pathSegment(probe), pathSegment(persona));
  await mkdir(parent, { recursive: true });
  const base = timestampSegment(when);
  for (let n = 1; ; n++) {
    const dir = join(parent, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
