// A parsed JSON payload judged against a step's expectations: schema, rules, measures and
// captures. Shared by API steps and, later, the API responses a page makes.
import type { ApiExpectations, Measure, RuleContext } from '../model/definitions.ts';
import type { CheckResult } from '../model/results.ts';
import { evaluateRule } from './evaluate-rule.ts';
import { queryNodes } from './json-path.ts';
import { takeMeasure } from './measures.ts';
import type { SchemaRegistry } from './schemas.ts';
import { plural } from '../text/plural.ts';

export interface PayloadExpectations {
  schema?: ApiExpectations['schema'];
  rules?: ApiExpectations['rules'];
  measures?: Record<string, Measure>;
  capture?: Record<string, string>;
}

export interface PayloadVerdict {
  checks: CheckResult[];
  measures: Record<string, number>;
  captured: Record<string, unknown>;
}

export interface PayloadContext {
  step: string;
  variables: Readonly<Record<string, unknown>>;
  /** Measures of earlier steps, so rules can compare across steps. */
  measures: Readonly<Record<string, number>>;
  schemas: SchemaRegistry;
  status?: number;
  headers?: Readonly<Record<string, string>>;
}

const MAX_LISTED_VIOLATIONS = 3;

export async function judgePayload(json: unknown, expect: PayloadExpectations, ctx: PayloadContext): Promise<PayloadVerdict> {
  const checks: CheckResult[] = [];
  const measures: Record<string, number> = {};
  const captured: Record<string, unknown> = {};

  if (expect.schema !== undefined) checks.push(schemaCheck(json, expect.schema, ctx));

  // Measures first: rules may compare against this step's measures as well as earlier ones.
  const allMeasures = { ...ctx.measures };
  const ruleContext: RuleContext = {
    json,
    variables: ctx.variables,
    measures: allMeasures,
    query: (path) => queryNodes(path, json),
    ...(ctx.status !== undefined ? { status: ctx.status } : {}),
    ...(ctx.headers ? { headers: ctx.headers } : {}),
  };
  for (const [name, spec] of Object.entries(expect.measures ?? {})) {
    try {
      // A path that selects nothing numeric gives no value: a gap in the metric, not an error.
      const value = takeMeasure(spec, ruleContext);
      if (value === undefined) continue;
      measures[name] = value;
      allMeasures[name] = value;
    } catch (error) {
      checks.push({ name: `measure ${name}`, kind: 'measure', outcome: 'error', step: ctx.step, message: (error as Error).message });
    }
  }

  for (const rule of expect.rules ?? []) checks.push(await evaluateRule(rule, ruleContext, ctx.step, ctx.schemas));

  for (const [variable, path] of Object.entries(expect.capture ?? {})) {
    const node = queryNodes(path, json)[0];
    const name = `capture ${variable}`;
    if (node === undefined) {
      checks.push({ name, kind: 'capture', outcome: 'fail', step: ctx.step, message: `${path} selected nothing to capture as {{${variable}}}`, path, expected: 'a value', actual: '(nothing)' });
    } else {
      captured[variable] = node.value;
      checks.push({ name, kind: 'capture', outcome: 'pass', step: ctx.step, message: '', path: node.path });
    }
  }
  return { checks, measures, captured };
}

function schemaCheck(json: unknown, ref: string | object, ctx: PayloadContext): CheckResult {
  const name = `schema ${typeof ref === 'string' ? ref : 'inline'}`;
  const problem = ctx.schemas.problem(ref);
  if (problem) return { name, kind: 'schema', outcome: 'error', step: ctx.step, message: problem };
  const violations = ctx.schemas.validate(ref, json);
  const first = violations[0];
  if (!first) return { name, kind: 'schema', outcome: 'pass', step: ctx.step, message: '' };
  const listed = violations.slice(0, MAX_LISTED_VIOLATIONS).map((v) => v.message);
  const more = violations.length > MAX_LISTED_VIOLATIONS ? `; and ${violations.length - MAX_LISTED_VIOLATIONS} more` : '';
  return {
    name,
    kind: 'schema',
    outcome: 'fail',
    step: ctx.step,
    message: `${plural(violations.length, 'schema violation')}: ${listed.join('; ')}${more}`,
    path: first.path,
    ...(first.expected !== undefined ? { expected: first.expected } : {}),
    ...(first.actual !== undefined ? { actual: first.actual } : {}),
  };
}
