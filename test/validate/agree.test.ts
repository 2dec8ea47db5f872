// `agree`: two measures of a run held against each other, with the numbers in the message.
import { describe, expect, it } from 'vitest';
import { evaluateRule } from '../../src/validate/evaluate-rule.ts';
import { agree } from '../../src/validate/rules.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { ruleContext } from './rule-context.ts';

const judge = (rule: ReturnType<typeof agree>, measures: Record<string, number>) =>
  evaluateRule(rule, ruleContext(undefined, {}, measures), 'page', SchemaRegistry.empty());

describe('agree', () => {
  it('builds a plain rule object named after the comparison', () => {
    expect(agree('cards', '==', 'items')).toEqual({ rule: 'agree', left: 'cards', op: '==', right: 'items' });
    expect(agree('cards', '>=', 'items', { cap: 1, name: 'shown', severity: 'warn' })).toEqual({ rule: 'agree', left: 'cards', op: '>=', right: 'items', cap: 1, name: 'shown', severity: 'warn' });
  });

  it.each([
    ['==', 6, 6, true],
    ['==', 0, 6, false],
    ['!=', 0, 6, true],
    ['<', 5, 6, true],
    ['<=', 7, 6, false],
    ['>', 7, 6, true],
    ['>=', 5, 6, false],
  ] as const)('%s with %d and %d passes: %s', async (op, left, right, passes) => {
    const check = await judge(agree('cards', op, 'items'), { cards: left, items: right });
    expect(check.outcome).toBe(passes ? 'pass' : 'fail');
  });

  it('fails with both names and values', async () => {
    expect(await judge(agree('recommendationCards', '==', 'recommendations'), { recommendationCards: 0, recommendations: 6 })).toEqual({
      name: 'recommendationCards == recommendations',
      kind: 'rule',
      outcome: 'fail',
      step: 'page',
      message: 'recommendationCards is 0 but recommendations is 6; expected recommendationCards == recommendations',
      expected: '== 6',
      actual: '0',
    });
  });

  it('compares with the right side capped: items in the API mean at least one card', async () => {
    const rule = agree('cards', '>=', 'items', { cap: 1 });
    expect((await judge(rule, { cards: 1, items: 6 })).outcome).toBe('pass');
    expect((await judge(rule, { cards: 0, items: 0 })).outcome).toBe('pass');
    expect(await judge(rule, { cards: 0, items: 6 })).toMatchObject({
      name: 'cards >= min(items, 1)',
      outcome: 'fail',
      message: 'cards is 0 but items is 6; expected cards >= min(items, 1) = 1',
      expected: '>= 1',
      actual: '0',
    });
  });

  it('takes a number for either side', async () => {
    expect(await judge(agree('shownPrice', '==', 19.99), { shownPrice: 0 })).toMatchObject({
      name: 'shownPrice == 19.99',
      outcome: 'fail',
      message: 'shownPrice is 0; expected shownPrice == 19.99',
    });
    expect((await judge(agree(1, '<=', 'cards'), { cards: 2 })).outcome).toBe('pass');
  });

  it('fails when a measure was not taken, naming what was', async () => {
    expect(await judge(agree('cards', '==', 'items'), { cards: 3 })).toMatchObject({
      outcome: 'fail',
      message: "no measure 'items' in this run, so cards == items cannot be judged (taken so far: cards)",
      expected: 'cards == items',
      actual: '(nothing)',
    });
    expect((await judge(agree('cards', '==', 'items'), {})).message).toBe("no measure 'cards' and 'items' in this run, so cards == items cannot be judged (taken so far: none)");
  });

  it('warns instead with severity warn', async () => {
    expect((await judge(agree('cards', '==', 'items', { severity: 'warn' }), { cards: 0, items: 1 })).outcome).toBe('warn');
  });
});
