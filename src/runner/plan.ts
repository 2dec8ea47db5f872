// Which runs a command makes: every selected probe × persona × target, optionally one shard of them.
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
  /** A probe is selected when it has any of these tags; empty = all. */
  tags?: readonly string[];
  /**
   * Only runs whose `probe persona` (the two names, one space between) matches.
   * @example grep: /^recommendations new-user$/
   */
  grep?: RegExp;
  /** One of `total` deterministic, disjoint parts of the selected runs (see `shardRuns`). */
  shard?: Shard;
  targets: readonly Target[];
}

/** Part `index` (1-based) of `total`. */
export interface Shard {
  index: number;
  total: number;
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

  const wantedTags = new Set(selection.tags ?? []);
  const knownTags = new Set(project.probes.flatMap((p) => p.definition.tags ?? []));
  const unknownTags = [...wantedTags].filter((tag) => !knownTags.has(tag));
  if (unknownTags.length) {
    const known = knownTags.size ? `known tags: ${[...knownTags].sort().join(', ')}` : 'no probe has tags';
    throw new SelectionError(`no probe has the tag ${unknownTags.map((t) => `'${t}'`).join(', ')}; ${known}`);
  }

  const runs: PlannedRun[] = [];
  for (const probe of project.probes) {
    if (wantedProbes.size && !wantedProbes.has(probe.definition.name)) continue;
    if (wantedTags.size && !(probe.definition.tags ?? []).some((tag) => wantedTags.has(tag))) continue;
    for (const personaName of probe.definition.personas ?? ['anonymous']) {
      if (wantedPersonas.size && !wantedPersonas.has(personaName)) continue;
      if (selection.grep && !matches(selection.grep, `${probe.definition.name} ${personaName}`)) continue;
      const persona = project.personas.get(personaName);
      if (!persona) continue; // validation already reported it
      for (const target of selection.targets) runs.push({ probe, persona, target });
    }
  }
  return selection.shard ? shardRuns(runs, selection.shard) : runs;
}

/** A global or sticky RegExp remembers where it stopped; each run's name is tested from the start. */
function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** The key a run is sharded by: its names, so every machine that plans the same project agrees. */
export function runKey(run: PlannedRun): string {
  return `${run.probe.definition.name}\u0000${run.persona.name}\u0000${run.target.name}\u0000${run.target.url}`;
}

/**
 * The runs of one shard, in planned order. Runs are sorted by name (probe, persona, target)
 * and dealt out in turn, so the shards differ in size by one at most, and shards
 * 1/n … n/n together hold every run exactly once, whatever order the probe files load in.
 */
export function shardRuns(runs: readonly PlannedRun[], shard: Shard): PlannedRun[] {
  if (!Number.isInteger(shard.total) || shard.total < 1 || !Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.total) {
    throw new SelectionError(`invalid shard ${shard.index}/${shard.total}: expected i/n with 1 ≤ i ≤ n, e.g. 2/3`);
  }
  const order = runs
    .map((run, position) => ({ key: runKey(run), position }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
  const mine = new Set(order.filter((_, rank) => rank % shard.total === shard.index - 1).map((entry) => entry.position));
  return runs.filter((_, position) => mine.has(position));
}

/**
 * Every target `--target` names (configured names or URLs), in the order given, each once;
 * none given means the default target.
 */
export function resolveTargets(project: Project, namesOrUrls: readonly string[] | undefined): Target[] {
  if (!namesOrUrls?.length) return [resolveTarget(project, undefined)];
  const targets: Target[] = [];
  for (const wanted of namesOrUrls) {
    const target = resolveTarget(project, wanted);
    if (!targets.some((t) => t.name === target.name && t.url === target.url)) targets.push(target);
  }
  const names = targets.map((t) => t.name);
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash !== undefined) {
    throw new SelectionError(`two targets are both named '${clash}' (${targets.filter((t) => t.name === clash).map((t) => t.url).join(', ')}); name them in the config's targets`);
  }
  return targets;
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
