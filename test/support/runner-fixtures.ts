// Planned runs and run environments built by hand, as the CLI would build them from a project.
import { fileURLToPath } from 'node:url';
import { ANONYMOUS_PERSONA, BUILT_IN_DEFAULTS, type LoadedProbe, type Project } from '../../src/config/project.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import type { ApiStep, PersonaDefinition, ProbeDefinition } from '../../src/model/definitions.ts';
import type { RunBeginInfo } from '../../src/reporters/reporter.ts';
import type { Report, RunResult } from '../../src/model/results.ts';
import type { PlannedRun, Target } from '../../src/runner/plan.ts';
import type { RunEnvironment } from '../../src/runner/run-probe.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export function loadedProbe(definition: ProbeDefinition): LoadedProbe {
  return { definition, file: `probes/${definition.name}.probe.ts` };
}

export function plannedRun(
  probe: ProbeDefinition,
  target: Target,
  persona: PersonaDefinition = ANONYMOUS_PERSONA,
): PlannedRun {
  return { probe: loadedProbe(probe), persona, target };
}

/** A probe of one GET step, with whatever expectations the test needs. */
export function oneStepProbe(
  name: string,
  path: string,
  expect?: ApiStep['expect'],
  extra: Partial<Omit<ProbeDefinition, 'steps'>> = {},
): ProbeDefinition & { steps: readonly ApiStep[] } {
  return { name, steps: [{ name: `get ${path}`, api: { path }, ...(expect ? { expect } : {}) }], ...extra };
}

export function runEnv(overrides: Partial<RunEnvironment> = {}): RunEnvironment {
  return { defaults: { ...BUILT_IN_DEFAULTS }, schemas: SchemaRegistry.empty(), logger: silentLogger(), ...overrides };
}

export async function repoSchemas(): Promise<SchemaRegistry> {
  const { registry, problems } = await SchemaRegistry.load(SCHEMAS_DIR);
  if (problems.length) throw new Error(`schemas folder has problems: ${JSON.stringify(problems)}`);
  return registry;
}

export function project(probes: readonly ProbeDefinition[], personas: readonly PersonaDefinition[], targets: Record<string, string>): Project {
  return {
    configFile: 'payloadwatch.config.ts',
    rootDir: '.',
    config: { targets, personas },
    targets,
    defaultTarget: Object.keys(targets)[0]!,
    personas: new Map([[ANONYMOUS_PERSONA.name, ANONYMOUS_PERSONA], ...personas.map((p) => [p.name, p] as const)]),
    probes: probes.map(loadedProbe),
    schemas: SchemaRegistry.empty(),
    defaults: { ...BUILT_IN_DEFAULTS },
    reporters: ['console'],
    outputDir: 'payloadwatch-report',
    location: 'local',
  };
}

/** A reporter that writes down every event it is given, in order. */
export class RecordingReporter {
  readonly events: string[] = [];
  begin: RunBeginInfo | undefined;
  readonly runs: RunResult[] = [];
  end: Report | undefined;

  onBegin(info: RunBeginInfo): void {
    this.begin = info;
    this.events.push(`begin ${info.total}`);
  }

  onRunEnd(result: RunResult): void {
    this.runs.push(result);
    this.events.push(`run ${result.probe}`);
  }

  onEnd(report: Report): void {
    this.end = report;
    this.events.push('end');
  }
}

export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
