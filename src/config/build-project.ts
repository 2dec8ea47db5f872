// A validated config and its probes become the Project every command works from:
// defaults filled in, paths made absolute, personas by name.
import path from 'node:path';
import type { Defaults, PayloadwatchConfig, PersonaDefinition } from '../model/definitions.ts';
import type { SchemaRegistry } from '../validate/schemas.ts';
import { toMilliseconds } from './duration.ts';
import { ANONYMOUS_PERSONA, BUILT_IN_DEFAULTS, type LoadedProbe, type Project, type ResolvedDefaults } from './project.ts';

export const DEFAULT_OUTPUT_DIR = 'payloadwatch-report';
export const DEFAULT_LOCATION = 'local';
export const DEFAULT_REPORTERS = ['console'] as const;

export interface ProjectParts {
  config: PayloadwatchConfig;
  /** As shown in messages. */
  configFile: string;
  /** Absolute folder of the config file. */
  rootDir: string;
  probes: readonly LoadedProbe[];
  schemas: SchemaRegistry;
}

export function resolveDefaults(defaults: Defaults = {}): ResolvedDefaults {
  return {
    timeoutMs: toMilliseconds(defaults.timeout) ?? BUILT_IN_DEFAULTS.timeoutMs,
    runTimeoutMs: toMilliseconds(defaults.runTimeout) ?? BUILT_IN_DEFAULTS.runTimeoutMs,
    retries: defaults.retries ?? BUILT_IN_DEFAULTS.retries,
    concurrency: defaults.concurrency ?? BUILT_IN_DEFAULTS.concurrency,
    maxBodyBytes: defaults.maxBodyBytes ?? BUILT_IN_DEFAULTS.maxBodyBytes,
    maxRedirects: defaults.maxRedirects ?? BUILT_IN_DEFAULTS.maxRedirects,
    pageConcurrency: defaults.pageConcurrency ?? BUILT_IN_DEFAULTS.pageConcurrency,
  };
}

/** `anonymous` is always there; a config persona of that name replaces the built-in one. */
export function personasByName(personas: readonly PersonaDefinition[] = []): Map<string, PersonaDefinition> {
  const byName = new Map<string, PersonaDefinition>([[ANONYMOUS_PERSONA.name, ANONYMOUS_PERSONA]]);
  for (const persona of personas) byName.set(persona.name, persona);
  return byName;
}

export function buildProject({ config, configFile, rootDir, probes, schemas }: ProjectParts): Project {
  const targets = config.targets;
  return {
    configFile,
    rootDir,
    config,
    targets,
    defaultTarget: config.defaultTarget ?? Object.keys(targets)[0]!,
    personas: personasByName(config.personas),
    probes,
    schemas,
    defaults: resolveDefaults(config.defaults),
    reporters: config.reporters ?? DEFAULT_REPORTERS,
    outputDir: path.resolve(rootDir, config.output ?? DEFAULT_OUTPUT_DIR),
    location: config.location ?? DEFAULT_LOCATION,
  };
}
