// A step: find its kind, then let the kind check the rest.
import { isPlainObject } from './check-shape.ts';
import { listChoices } from './describe-value.ts';
import type { ProbeCheckContext } from './probe-context.ts';
import type { StepKind } from './step-kind.ts';
import { API_STEP } from './validate-api-step.ts';
import { PAGE_STEP } from './validate-page-step.ts';

export const STEP_KINDS: readonly StepKind[] = [API_STEP, PAGE_STEP];

export function validateStep(value: unknown, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  if (!isPlainObject(value)) return check.typeError(path, 'a step object', value, STEP_KINDS[0]!.example);
  const kinds = STEP_KINDS.filter((kind) => kind.key in value);
  const kindKeys = STEP_KINDS.map((kind) => kind.key);
  if (kinds.length === 0) {
    // Checking against every kind's keys still turns a typo such as `apu` into a did-you-mean.
    check.knownKeys(value, path, [...new Set(STEP_KINDS.flatMap((kind) => kind.keys))]);
    return check.error(path, `step has no kind: expected one of the keys ${listChoices(kindKeys)}`, STEP_KINDS[0]!.example);
  }
  if (kinds.length > 1) {
    const message = `step has several kinds (${listChoices(kinds.map((kind) => kind.key))}); a step does one thing`;
    return check.error(path, message, 'split it into one step per kind');
  }
  const kind = kinds[0]!;
  check.knownKeys(value, path, kind.keys);
  const nameOk = check.field(value, path, 'name', check.nonEmptyString, { required: true });
  const softOk = check.field(value, path, 'soft', check.boolean);
  return kind.validate(value, path, context) && nameOk && softOk;
}
