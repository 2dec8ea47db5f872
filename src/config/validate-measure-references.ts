// `agree` rules name measures; a name no step takes, or one taken only by a later step, could
// never be judged, so it is reported when the probe loads rather than failing every run.
import { isPlainObject, type PlainObject, type ShapeChecker } from './check-shape.ts';
import { childPath } from './child-path.ts';
import { quote } from './describe-value.ts';
import { suggestion } from './did-you-mean.ts';

interface RuleSite {
  rule: PlainObject;
  path: string;
  /** Measures of the rule's own step it can see, besides those of earlier steps. */
  visible: readonly string[];
}

export function checkMeasureReferences(steps: unknown, path: string, check: ShapeChecker): boolean {
  if (!Array.isArray(steps)) return true;
  const takenBy = new Map<string, string>();
  const perStep = steps.map((step, index) => (isPlainObject(step) ? stepMeasures(step, childPath(path, index)) : { all: [], sites: [] }));
  perStep.forEach(({ all }, index) => {
    for (const name of all) if (!takenBy.has(name)) takenBy.set(name, childPath(path, index));
  });
  const everyName = [...takenBy.keys()];
  let ok = true;
  const earlier = new Set<string>();
  perStep.forEach(({ all, sites }, index) => {
    for (const site of sites) {
      for (const side of ['left', 'right'] as const) {
        const name = site.rule[side];
        if (typeof name !== 'string' || earlier.has(name) || site.visible.includes(name)) continue;
        ok = unseen(name, childPath(site.path, side), takenBy, index, path, everyName, check) && ok;
      }
    }
    for (const name of all) earlier.add(name);
  });
  return ok;
}

function unseen(name: string, path: string, takenBy: Map<string, string>, index: number, stepsPath: string, everyName: string[], check: ShapeChecker): boolean {
  const owner = takenBy.get(name);
  if (owner !== undefined && owner !== childPath(stepsPath, index)) {
    return check.error(path, `measure ${quote(name)} is taken by a later step (${owner})`, 'a rule sees the measures of its own step and earlier ones; move the rule to that step or after it');
  }
  if (owner !== undefined) {
    return check.error(path, `measure ${quote(name)} is taken later in this step than this rule is judged`, "put the rule in the page step's expect.rules, which see every measure of the step");
  }
  const hint = everyName.length ? suggestion(name, everyName, { listLabel: 'measures of this probe' }) : "take it in a step's measures, e.g. measures: { recommendations: measure.count('$.items') }";
  return check.error(path, `no step takes a measure ${quote(name)}`, hint);
}

/** Every measure a step takes, and its agree rules with the measures of the step each sees. */
function stepMeasures(step: PlainObject, stepPath: string): { all: string[]; sites: RuleSite[] } {
  const own = namesOf(step.measures);
  const expect = isPlainObject(step.expect) ? step.expect : {};
  const expectPath = childPath(stepPath, 'expect');
  const responses = Array.isArray(expect.responses) ? expect.responses : [];
  const responseNames = responses.map((response) => (isPlainObject(response) ? namesOf(response.measures) : []));
  const all = [...own, ...responseNames.flat()];
  const sites: RuleSite[] = agreeRules(expect.rules, childPath(expectPath, 'rules'), all);
  responses.forEach((response, index) => {
    if (!isPlainObject(response) || !isPlainObject(response.expect)) return;
    const responsePath = childPath(childPath(childPath(expectPath, 'responses'), index), 'expect');
    // A response's rules are judged with the page's DOM measures, its own and those of the responses before it.
    const visible = 'page' in step ? [...own, ...responseNames.slice(0, index + 1).flat()] : own;
    sites.push(...agreeRules(response.expect.rules, childPath(responsePath, 'rules'), visible));
  });
  return { all, sites };
}

function agreeRules(rules: unknown, path: string, visible: readonly string[]): RuleSite[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule, index) => (isPlainObject(rule) && rule.rule === 'agree' ? [{ rule, path: childPath(path, index), visible }] : []));
}

function namesOf(measures: unknown): string[] {
  return isPlainObject(measures) ? Object.keys(measures) : [];
}
