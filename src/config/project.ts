// A loaded, validated project: what every command works from after `loadProject`.
import type { PayloadwatchConfig, PersonaDefinition, ProbeDefinition, ReporterName } from '../model/definitions.ts';
import type { SchemaRegistry } from '../validate/schemas.ts';

export interface ResolvedDefaults {
  timeoutMs: number;
  runTimeoutMs: number;
  retries: number;
  concurrency: number;
  maxBodyBytes: number;
  maxRedirects: number;
  pageConcurrency: number;
}

export const BUILT_IN_DEFAULTS: ResolvedDefaults = {
  timeoutMs: 10_000,
  runTimeoutMs: 60_000,
  retries: 1,
  concurrency: 8,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  pageConcurrency: 2,
};

/** The persona a probe runs as when it names none: no headers, no setup. */
export const ANONYMOUS_PERSONA: PersonaDefinition = { name: 'anonymous', description: 'no account, no headers' };

export interface LoadedProbe {
  definition: ProbeDefinition;
  /** The probe file, relative to the working directory. */
  file: string;
  /** `file:line:column` of the `defineProbe` call, when known. */
  definedAt?: string;
}

export interface Project {
  /** The config file, relative to the working directory (for messages). */
  configFile: string;
  /** Folder of the config file; probe globs, schemas and output resolve against it. */
  rootDir: string;
  config: PayloadwatchConfig;
  targets: Readonly<Record<string, string>>;
  defaultTarget: string;
  /** By name; always holds `anonymous`. */
  personas: ReadonlyMap<string, PersonaDefinition>;
  probes: readonly LoadedProbe[];
  schemas: SchemaRegistry;
  defaults: ResolvedDefaults;
  reporters: readonly ReporterName[];
  /** Absolute. */
  outputDir: string;
  location: string;
}
