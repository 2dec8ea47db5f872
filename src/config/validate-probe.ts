// One probe definition: its own fields, then every step.
import type { ProbeDefinition } from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import { CRON_HINT, cronProblem } from './cron-expression.ts';
import { childPath } from './child-path.ts';
import { quote } from './describe-value.ts';
import { suggestion } from './did-you-mean.ts';
import type { ProbeCheckContext } from './probe-context.ts';
import { MAX_RETRIES } from './validate-config.ts';
import { checkMeasureReferences } from './validate-measure-references.ts';
import { validateStep } from './validate-step.ts';

export const PROBE_KEYS = keysOf<ProbeDefinition>()(
  'name',
  'description',
  'schedule',
  'personas',
  'tags',
  'timeout',
  'retries',
  'retryOn',
  'critical',
  'steps',
);

export const RETRY_ON = ['error', 'any'] as const satisfies readonly NonNullable<ProbeDefinition['retryOn']>[];

const STEPS_EXAMPLE = "steps: [{ name: 'recommendations', api: { path: '/api/recommendations' } }]";

export function validateProbe(value: unknown, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const probe = check.shape(value, path, PROBE_KEYS, 'a probe made with defineProbe({ … })');
  if (!probe) return false;
  const results = [
    check.field(probe, path, 'name', check.nonEmptyString, { required: true }),
    check.field(probe, path, 'description', check.string),
    check.field(probe, path, 'schedule', cronSchedule(check)),
    check.field(probe, path, 'personas', check.arrayOf(personaName(check, context.personas))),
    check.field(probe, path, 'tags', check.arrayOf(check.nonEmptyString)),
    check.field(probe, path, 'timeout', check.duration),
    check.field(probe, path, 'retries', check.integer({ min: 0, max: MAX_RETRIES })),
    check.field(probe, path, 'retryOn', check.oneOf(RETRY_ON, 'retryOn value', 'known values')),
    check.field(probe, path, 'critical', check.boolean),
    check.field(probe, path, 'steps', steps(context), { required: true, hint: STEPS_EXAMPLE }),
  ];
  return results.every(Boolean);
}

function cronSchedule(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (typeof value !== 'string') return check.typeError(path, 'a cron expression', value, CRON_HINT);
    const problem = cronProblem(value);
    return problem === undefined || check.error(path, `invalid cron expression ${quote(value)}: ${problem}`, CRON_HINT);
  };
}

function personaName(check: ShapeChecker, known: readonly string[]): ValueCheck {
  return (value, path) => {
    if (!check.nonEmptyString(value, path)) return false;
    const name = value as string;
    if (known.includes(name)) return true;
    return check.error(path, `unknown persona ${quote(name)}`, suggestion(name, known, { listLabel: 'known personas', alwaysList: true }));
  };
}

function steps(context: ProbeCheckContext): ValueCheck {
  const { check } = context;
  const each = check.arrayOf((step, path) => validateStep(step, path, context), {
    emptyMessage: 'expected at least one step, got an empty array',
    emptyHint: STEPS_EXAMPLE,
  });
  return (value, path) => {
    const stepsOk = each(value, path);
    const referencesOk = checkMeasureReferences(value, path, check);
    return Array.isArray(value) && uniqueStepNames(value, path, check) && stepsOk && referencesOk;
  };
}

/** Step names label checks in reports, so two steps with one name would be indistinguishable. */
function uniqueStepNames(stepList: readonly unknown[], path: string, check: ShapeChecker): boolean {
  const firstPlace = new Map<string, string>();
  let ok = true;
  stepList.forEach((step, index) => {
    const name = isPlainObject(step) ? step.name : undefined;
    if (typeof name !== 'string') return;
    const stepPath = childPath(path, index);
    const earlier = firstPlace.get(name);
    if (earlier === undefined) firstPlace.set(name, stepPath);
    else {
      const message = `duplicate step name ${quote(name)}: already used by ${earlier}`;
      ok = check.error(childPath(stepPath, 'name'), message, 'step names label checks in reports; make them unique within the probe') && ok;
    }
  });
  return ok;
}
