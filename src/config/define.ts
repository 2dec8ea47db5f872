// Definition helpers are typed identity functions: they exist for editor completion.
// The only thing they add is where they were called, so diagnostics can point there.
import type { PayloadwatchConfig, PersonaDefinition, ProbeDefinition, SecretRef } from '../model/definitions.ts';

/** Where a definition was written, as `file:line:column`; a symbol so it is never a "key". */
export const DEFINED_AT = Symbol.for('payloadwatch.definedAt');

function markDefinedAt<T extends object>(value: T): T {
  const caller = new Error().stack?.split('\n')[3]?.trim();
  const place = caller?.match(/\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?$/)?.[1];
  if (place && typeof value === 'object' && value !== null) {
    Object.defineProperty(value, DEFINED_AT, { value: place.replace(/^file:\/\//, ''), enumerable: false });
  }
  return value;
}

export function definedAt(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? (value as { [DEFINED_AT]?: string })[DEFINED_AT] : undefined;
}

/**
 * @example
 * export default defineConfig({ targets: { staging: 'https://staging.example.com' } });
 */
export function defineConfig(config: PayloadwatchConfig): PayloadwatchConfig {
  return markDefinedAt(config);
}

/**
 * @example
 * export default defineProbe({
 *   name: 'recommendations',
 *   personas: ['new-user'],
 *   steps: [{ name: 'recs', api: { path: '/api/recommendations' }, expect: { rules: [nonEmpty('$.items')] } }],
 * });
 */
export function defineProbe(probe: ProbeDefinition): ProbeDefinition {
  return markDefinedAt(probe);
}

export function definePersona(persona: PersonaDefinition): PersonaDefinition {
  return markDefinedAt(persona);
}

/**
 * A reference to an environment variable, read when a run starts. A missing variable
 * makes that run `error` with the variable's name; the value is redacted everywhere.
 * @example headers: { 'x-api-key': secret('SHOP_API_KEY') }
 */
export function secret(name: string): SecretRef {
  return { $secret: name };
}

export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && typeof (value as SecretRef).$secret === 'string';
}
