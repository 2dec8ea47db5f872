// Which exports of a probe file are probes: the default export (one probe or an array),
// plus named exports that look like probes, so a file can keep helpers beside its probes.
import { isPlainObject } from './check-shape.ts';
import type { ModuleExports } from './load-module.ts';

export interface ExportedProbe {
  /** `default`, `default[1]` or the export's name: where the probe is in the file. */
  exportPath: string;
  value: unknown;
}

function looksLikeProbe(value: unknown): boolean {
  return isPlainObject(value) && 'name' in value && 'steps' in value;
}

export function exportedProbes(exports: ModuleExports): ExportedProbe[] {
  const found: ExportedProbe[] = [];
  const fallback = exports.default;
  // The default export is taken as a probe even when it does not look like one, so a typo
  // such as `step:` is reported as an unknown key instead of "no probe exported".
  if (Array.isArray(fallback)) fallback.forEach((value, index) => found.push({ exportPath: `default[${index}]`, value }));
  else if (fallback !== undefined) found.push({ exportPath: 'default', value: fallback });
  for (const [name, value] of Object.entries(exports)) {
    if (name === 'default' || !looksLikeProbe(value)) continue;
    // `export const p = defineProbe(…); export default p;` is one probe, not two.
    if (found.some((probe) => probe.value === value)) continue;
    found.push({ exportPath: name, value });
  }
  return found;
}
