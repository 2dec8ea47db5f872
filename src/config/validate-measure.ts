// `measures` of a step: named numbers taken from the body, e.g. `{ recommendations: measure.count('$.items') }`.
import { DOM_MEASURE_KINDS, MEASURE_KINDS, type Measure, type MeasureKind } from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker } from './check-shape.ts';
import { childPath } from './child-path.ts';

const MEASURE_EXAMPLE = "e.g. measures: { recommendations: measure.count('$.items') }";

const PATH_MEASURE_KEYS = keysOf<Extract<Measure, { path: string }>>()('measure', 'path');
const CUSTOM_MEASURE_KEYS = keysOf<Extract<Measure, { measure: 'custom' }>>()('measure', 'fn');

export function validateMeasures(value: unknown, path: string, check: ShapeChecker): boolean {
  if (!isPlainObject(value)) return check.typeError(path, 'an object of measure names to measures', value, MEASURE_EXAMPLE);
  let ok = true;
  for (const [name, measure] of Object.entries(value)) ok = validateMeasure(measure, childPath(path, name), check) && ok;
  return ok;
}

function validateMeasure(value: unknown, path: string, check: ShapeChecker): boolean {
  if (!isPlainObject(value)) return check.typeError(path, "a measure such as measure.count('$.items')", value, MEASURE_EXAMPLE);
  if ((DOM_MEASURE_KINDS as readonly unknown[]).includes(value.measure)) {
    const message = `measure.${value.measure as string} reads a rendered page, and this step has none`;
    return check.error(childPath(path, 'measure'), message, "use it in the measures of a page step; here read the JSON body, e.g. measure.count('$.items')");
  }
  const kindOk = check.field(value, path, 'measure', check.oneOf(MEASURE_KINDS, 'measure kind', 'known measure kinds'), {
    required: true,
    hint: "build measures with the factories, e.g. measure.count('$.items')",
  });
  if (!kindOk) return false;
  if ((value.measure as MeasureKind) === 'custom') {
    check.knownKeys(value, path, CUSTOM_MEASURE_KEYS);
    return check.field(value, path, 'fn', check.function, { required: true });
  }
  check.knownKeys(value, path, PATH_MEASURE_KEYS);
  return check.field(value, path, 'path', check.jsonPath, { required: true });
}
