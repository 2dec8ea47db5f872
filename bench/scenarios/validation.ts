// Scenario 2: validation alone, no network: payloadwatch's schema + rules + measure on a
// parsed payload (judgePayload) against bare ajv validating the same schema, compiled once.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Ajv2020, type AnySchema, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats, { type FormatsPlugin } from 'ajv-formats';
import { measure, nonEmpty, range, unique } from '../../src/index.ts';
import type { Rule, RuleContext } from '../../src/model/definitions.ts';
import { evaluateRule } from '../../src/validate/evaluate-rule.ts';
import { queryNodes } from '../../src/validate/json-path.ts';
import { judgePayload, type PayloadExpectations } from '../../src/validate/judge-payload.ts';
import { takeMeasure } from '../../src/validate/measures.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { alternate } from '../support/interleave.ts';
import { SCHEMAS_DIR } from '../support/paths.ts';
import type { Row, Scenario, ScenarioResult } from '../support/report.ts';
import { median, round, summarize } from '../support/stats.ts';

const SCHEMA_FILE = 'recommendations.schema.json';
const SCHEMA_ID = 'https://payloadwatch.example/schemas/recommendations.schema.json';

const RULES: Rule[] = [
  nonEmpty('$.items', { name: 'recommendations are never empty' }),
  unique('$.items', { by: 'id' }, { name: 'no duplicate products' }),
  range('$.items[*].price', { above: 0 }, { name: 'prices are positive' }),
];
const EXPECTATIONS: PayloadExpectations = {
  schema: SCHEMA_FILE,
  rules: RULES,
  measures: { recommendations: measure.count('$.items') },
};

interface Size {
  label: string;
  targetBytes: number;
  /** Validations per timed batch: enough that a batch outlasts the clock's resolution. */
  perBatch: number;
  rounds: { full: number; quick: number };
}

const SIZES: readonly Size[] = [
  { label: '10 KB', targetBytes: 10 * 1024, perBatch: 200, rounds: { full: 40, quick: 10 } },
  { label: '1 MB', targetBytes: 1024 * 1024, perBatch: 2, rounds: { full: 30, quick: 8 } },
];

/** A recommendations answer of about `bytes` bytes: valid, non-empty, unique ids, positive prices. */
export function recommendationsPayload(bytes: number): { json: unknown; bytes: number; items: number } {
  const updatedAt = new Date().toISOString();
  const item = (i: number) => ({
    id: `p-${100000 + i}`,
    name: `Product number ${i}`,
    price: 10 + (i % 90) + 0.99,
    currency: 'EUR',
    category: ['audio', 'kitchen', 'outdoor', 'books'][i % 4]!,
    rating: (i % 50) / 10,
    inStock: i % 3 !== 0,
    imageUrl: `/images/p-${100000 + i}.jpg`,
    updatedAt,
    score: 1 - i / 1e7,
  });
  const perItem = JSON.stringify(item(0)).length + 1;
  const count = Math.max(1, Math.round((bytes - 120) / perItem));
  const json = { userId: 'u-2001', strategy: 'personalised', items: Array.from({ length: count }, (_, i) => item(i)), generatedAt: updatedAt };
  return { json, bytes: JSON.stringify(json).length, items: count };
}

async function bareAjv(): Promise<ValidateFunction> {
  // The same options as payloadwatch's registry; formats on, every schema file added, compiled once.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const applyFormats = (addFormats as unknown as { default?: FormatsPlugin }).default ?? (addFormats as unknown as FormatsPlugin);
  applyFormats(ajv);
  for (const name of (await readdir(SCHEMAS_DIR)).filter((n) => n.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(await readFile(join(SCHEMAS_DIR, name), 'utf8')) as AnySchema, name);
  }
  const validate = ajv.getSchema(SCHEMA_ID);
  if (!validate) throw new Error(`ajv has no schema ${SCHEMA_ID}`);
  return validate;
}

function ruleContext(json: unknown): RuleContext {
  return { json, variables: {}, measures: {}, query: (path) => queryNodes(path, json) };
}

/** Mean time of one call, from a batch of `n`. */
async function perCall(n: number, call: () => unknown): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i += 1) await call();
  return (performance.now() - started) / n;
}

export const validationScenario: Scenario = {
  id: 2,
  title: 'Validation',
  async run(ctx) {
    const { registry, problems } = await SchemaRegistry.load(SCHEMAS_DIR);
    if (problems.length) throw new Error(`schemas: ${problems.map((p) => `${p.file}: ${p.message}`).join('; ')}`);
    const validate = await bareAjv();
    const rows: Row[] = [];
    const details: Record<string, unknown> = {};

    for (const size of SIZES) {
      const payload = recommendationsPayload(size.targetBytes);
      const json = payload.json;
      const judgeContext = { step: 'bench', variables: {}, measures: {}, schemas: registry };
      const verdict = await judgePayload(json, EXPECTATIONS, judgeContext);
      const failing = verdict.checks.filter((c) => c.outcome !== 'pass');
      if (failing.length || !validate(json)) throw new Error(`the ${size.label} payload does not pass: ${JSON.stringify(failing)}`);

      const rounds = ctx.quick ? size.rounds.quick : size.rounds.full;
      const n = size.perBatch;
      ctx.progress(`${size.label} (${payload.bytes} bytes, ${payload.items} items): warm-up, then ${rounds} alternating batches of ${n}`);
      for (let i = 0; i < Math.max(3, 2 * n); i += 1) {
        await judgePayload(json, EXPECTATIONS, judgeContext);
        validate(json);
      }
      const main = await alternate(
        rounds,
        { name: 'payloadwatch', batch: () => perCall(n, () => judgePayload(json, EXPECTATIONS, judgeContext)) },
        { name: 'bare ajv', batch: () => perCall(n, () => validate(json)) },
      );

      // Where payloadwatch's time goes: the same parts one by one, each as its own batches.
      ctx.progress(`${size.label}: parts`);
      const partRounds = Math.max(4, Math.round(rounds / 3));
      const parts: Record<string, () => unknown> = {
        'schema (registry)': () => registry.validate(SCHEMA_FILE, json),
        ...Object.fromEntries(RULES.map((rule) => [`rule ${rule.rule} ${'path' in rule ? rule.path : ''}`, () => evaluateRule(rule, ruleContext(json), 'bench', registry)])),
        'measure count($.items)': () => takeMeasure(EXPECTATIONS.measures!['recommendations']!, ruleContext(json)),
      };
      const partTimes: Record<string, number> = {};
      for (const [name, call] of Object.entries(parts)) {
        const samples: number[] = [];
        for (let r = 0; r < partRounds; r += 1) samples.push(await perCall(n, call));
        partTimes[name] = median(samples);
      }

      const pw = summarize(main.a);
      const base = summarize(main.b);
      const toUs = (ms: number) => ms * 1000;
      const ratio = pw.median / base.median;
      rows.push({
        figure: `schema + 3 rules + measure, ${size.label}`,
        unit: 'µs',
        payloadwatch: { median: toUs(pw.median), p95: toUs(pw.p95) },
        baseline: { median: toUs(base.median), p95: toUs(base.p95) },
        ratio,
      });
      rows.push({
        figure: `schema only (registry), ${size.label}`,
        unit: 'µs',
        payloadwatch: { median: toUs(partTimes['schema (registry)']!) },
        baseline: { median: toUs(base.median) },
        ratio: partTimes['schema (registry)']! / base.median,
      });
      details[size.label] = {
        bytes: payload.bytes,
        items: payload.items,
        batches: rounds,
        perBatch: n,
        pairedRatio: round(median(main.a.map((a, i) => a / main.b[i]!))),
        partsMedianUs: Object.fromEntries(Object.entries(partTimes).map(([k, v]) => [k, round(toUs(v), 1)])),
      };
    }

    return {
      id: 2,
      title: 'Validation',
      baseline: 'bare ajv (2020-12, same options and formats, compiled once) validating the same schema on the same parsed payload',
      rows,
      details,
      notes: [
        'Each figure is the time of one validation (mean of a batch); median and p95 are over batches.',
        'The schema part costs what ajv costs; the rest of the ratio is the three rules and the measure, each a JSONPath query over the items (see details.partsMedianUs).',
      ],
    } satisfies ScenarioResult;
  },
};
