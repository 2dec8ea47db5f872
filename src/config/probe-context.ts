// What validating one probe needs from the rest of the project.
import type { ShapeChecker } from './check-shape.ts';

/** A place that names a JSON Schema; checked once the schemas folder is loaded. */
export interface SchemaUse {
  ref: string | object;
  file: string;
  path: string;
}

export interface ProbeCheckContext {
  /** Reports on the probe's file. */
  check: ShapeChecker;
  /** Persona names the probe may use, `anonymous` included. */
  personas: readonly string[];
  /** Filled while validating: schema references to resolve later. */
  schemaUses: SchemaUse[];
}
