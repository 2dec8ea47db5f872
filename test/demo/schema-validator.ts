// Validates demo shop payloads against the schemas in `schemas/`, as a user's probes would.

import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);
export const SCHEMA_BASE = 'https://payloadwatch.example/schemas/';

export function schemaFileNames(): string[] {
  return readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json')).sort();
}

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, SCHEMAS_DIR), 'utf8')) as Record<string, unknown>;
}

export interface SchemaVerdict {
  valid: boolean;
  errors: string[];
}

export type ValidatePayload = (schemaFile: string, payload: unknown) => SchemaVerdict;

export function createSchemaValidator(): ValidatePayload {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // A CommonJS module seen through `nodenext`: its callable export is `.default` to the type checker.
  addFormats.default(ajv);
  for (const name of schemaFileNames()) ajv.addSchema(readSchema(name));
  return (schemaFile, payload) => {
    const validate = ajv.getSchema(SCHEMA_BASE + schemaFile);
    if (!validate) throw new Error(`no schema ${schemaFile}`);
    const valid = validate(payload) as boolean;
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
    return { valid, errors };
  };
}
