// Why a value cannot serve as a JSON Schema here, said in the terms of the file it is in.
import type { Ajv2020, AnySchema } from 'ajv/dist/2020.js';
import { toViolations } from './schema-errors.ts';

export const SUPPORTED_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Meta-schema errors shown per broken schema; the rest are counted. */
const META_ERRORS_SHOWN = 3;

export interface SchemaProblem {
  message: string;
  hint?: string;
}

/** The first thing wrong with a schema before any $ref is followed: its shape, its dialect, its keywords. */
export function schemaDefinitionProblem(ajv: Ajv2020, json: unknown): SchemaProblem | undefined {
  return shapeProblem(json) ?? dialectProblem(json) ?? metaSchemaProblem(ajv, json);
}

function shapeProblem(json: unknown): SchemaProblem | undefined {
  if (typeof json === 'boolean') return undefined;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    const got = json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    return { message: `not a JSON Schema: expected an object, got ${got}` };
  }
  const id = (json as { $id?: unknown }).$id;
  return id !== undefined && typeof id !== 'string' ? { message: '$id must be a string' } : undefined;
}

// Ajv2020 cannot check a draft-07 schema, and reading one as 2020-12 would change what it means.
function dialectProblem(json: unknown): SchemaProblem | undefined {
  const dialect = typeof json === 'object' ? (json as { $schema?: unknown }).$schema : undefined;
  if (dialect === undefined || String(dialect).replace(/#$/, '') === SUPPORTED_DIALECT) return undefined;
  return {
    message: `$schema '${String(dialect)}' is not supported`,
    hint: `payloadwatch reads JSON Schema 2020-12: set "$schema": "${SUPPORTED_DIALECT}" or leave it out`,
  };
}

/** The first error per place in the schema: ajv reports one bad `type` three ways. */
function metaSchemaProblem(ajv: Ajv2020, json: unknown): SchemaProblem | undefined {
  if (ajv.validateSchema(json as AnySchema)) return undefined;
  const byPath = new Map<string, string>();
  for (const violation of toViolations(ajv.errors ?? [], json)) {
    if (!byPath.has(violation.path)) byPath.set(violation.path, violation.message);
  }
  const messages = [...byPath.values()];
  const shown = messages.slice(0, META_ERRORS_SHOWN).join('; ');
  const more = messages.length > META_ERRORS_SHOWN ? ` (+${messages.length - META_ERRORS_SHOWN} more)` : '';
  return { message: `not a valid JSON Schema: ${shown}${more}` };
}
