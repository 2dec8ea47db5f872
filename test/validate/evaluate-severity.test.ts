import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/model/definitions.ts';
import { evaluateRule } from '../../src/validate/evaluate-rule.ts';
import {
  agree,
  count,
  custom,
  equals,
  every,
  fresh,
  nonEmpty,
  notNull,
  oneOf,
  pattern,
  present,
  range,
  sorted,
  unique,
  type RuleOptions,
} from '../../src/validate/rules.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { ruleContext } from './rule-context.ts';

const payload = { items: [{ id: 'a', price: 5 }, { id: 'a', price: null }], at: '2001-01-01T00:00:00Z', status: 'x' };

// Each rule, built so that it fails on the payload above.
const failing: Record<Rule['rule'], (options: RuleOptions) => Rule> = {
  nonEmpty: (o) => nonEmpty('$.none', o),
  count: (o) => count('$.items', { max: 1 }, o),
  unique: (o) => unique('$.items', { by: 'id' }, o),
  every: (o) => every('$.items', () => false, o),
  present: (o) => present('$.none', o),
  notNull: (o) => notNull('$.items[*].price', o),
  range: (o) => range('$.items[*].price', { above: 5 }, o),
  pattern: (o) => pattern('$.status', /^ok$/, o),
  fresh: (o) => fresh('$.at', '1h', o),
  sorted: (o) => sorted('$.items', { by: 'price', order: 'desc' }, o),
  oneOf: (o) => oneOf('$.status', ['ok'], o),
  equals: (o) => equals('$.status', 'ok', o),
  agree: (o) => agree('cards', '==', 'items', o),
  custom: (o) => custom('custom', () => false, o.severity ? { severity: o.severity } : {}),
};

describe('severity', () => {
  it.each(Object.entries(failing))('%s fails by default and warns with severity warn', async (_kind, build) => {
    const run = (rule: Rule) => evaluateRule(rule, ruleContext(payload, {}, { cards: 0, items: 2 }), 'step', SchemaRegistry.empty());
    expect((await run(build({}))).outcome).toBe('fail');
    expect((await run(build({ severity: 'fail' }))).outcome).toBe('fail');
    const warned = await run(build({ severity: 'warn' }));
    expect(warned.outcome).toBe('warn');
    expect(warned.message).not.toBe('');
  });
});
