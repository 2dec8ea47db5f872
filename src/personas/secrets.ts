// Secrets come from the environment only, are read when a run starts, and are
// registered with the run's redactor the moment they are read.
import { isSecretRef } from '../config/define.ts';
import type { Redactor } from './redaction.ts';

export class SecretMissingError extends Error {
  override name = 'SecretMissingError';
  constructor(readonly variable: string) {
    super(`secret ${variable} is not set: export the environment variable ${variable} before running`);
  }
}

export function readSecret(variable: string, redactor: Redactor, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[variable];
  if (value === undefined || value === '') throw new SecretMissingError(variable);
  redactor.add(value);
  return value;
}

/** Strings stay, numbers and booleans become strings, secret references are read. */
export function resolveSecretRefs(
  values: Readonly<Record<string, unknown>> | undefined,
  redactor: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    out[name] = isSecretRef(value) ? readSecret(value.$secret, redactor) : String(value);
  }
  return out;
}

/** Reads every secret reference inside a JSON value (a request body). */
export function resolveSecretsDeep(value: unknown, redactor: Redactor): unknown {
  if (isSecretRef(value)) return readSecret(value.$secret, redactor);
  if (Array.isArray(value)) return value.map((item) => resolveSecretsDeep(item, redactor));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveSecretsDeep(item, redactor);
    return out;
  }
  return value;
}
