// Which runs a command makes: every selected probe × persona × target.
import type { LoadedProbe, Project } from '../config/project.ts';
import type { PersonaDefinition } from '../model/definitions.ts';

export interface Target {
  name: string;
  url: string;
}

export interface PlannedRun {
  probe: LoadedProbe;
  persona: PersonaDefinition;
  target: Target;
}

export interface RunSelection {
  /** Probe names; empty = all. */
  probes?: readonly string[];
  /** Persona names; empty = each probe's own. */
  personas?: readonly string[];
  targets: readonly Target[];
}

export class SelectionError extends Error {
  override name = 'SelectionError';
}

export function planRuns(project: Project, selection: RunSelection): PlannedRun[] {
  const wantedProbes = new Set(selection.probes ?? []);
  const known = project.probes.map((p) => p.definition.name);
  const unknown = [...wantedProbes].filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new SelectionError(`no probe named ${unknown.map((n) => `'${n}'`).join(', ')}; known probes: ${known.join(', ')}`);
  }
  const wantedPersonas = new Set(selection.personas ?? []);
  const unknownPersonas = [...wantedPersonas].filter((name) => !project.personas.has(name));
  if (unknownPersonas.length) {
    throw new SelectionError(
      `no persona named ${unknownPersonas.map((n) => `'${n}'`).join(', ')}; known personas: ${[...project.personas.keys()].join(', ')}`,
    );
  }

  const runs: PlannedRun[] = [];
  for (const probe of project.probes) {
    if (wantedProbes.size && !wantedProbes.has(probe.definition.name)) continue;
    for (const personaName of probe.definition.personas ?? ['anonymous']) {
      if (wantedPersonas.size && !wantedPersonas.has(personaName)) continue;
      const persona = project.personas.get(personaName);
      if (!persona) continue; // validation already reported it
      for (const target of selection.targets) runs.push({ probe, persona, target });
    }
  }
  return runs;
}

/** `--target` takes a configured name or a URL. */
export function resolveTarget(project: Project, nameOrUrl: string | undefined): Target {
  const wanted = nameOrUrl ?? project.defaultTarget;
  const configured = project.targets[wanted];
  if (configured) return { name: wanted, url: configured };
  if (/^https?:\/\//i.test(wanted)) {
    const url = new URL(wanted);
    return { name: url.host, url: wanted.replace(/\/+$/, '') };
  }
  throw new SelectionError(
    `unknown target '${wanted}'; configured targets: ${Object.keys(project.targets).join(', ')} (or pass a URL such as http://127.0.0.1:8080)`,
  );
}
