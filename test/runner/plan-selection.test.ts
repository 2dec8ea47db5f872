// Filters, shards and several targets: what CI uses to split and narrow a run.
import { describe, expect, it } from 'vitest';
import type { PersonaDefinition, ProbeDefinition } from '../../src/model/definitions.ts';
import { planRuns, resolveTargets, runKey, SelectionError, shardRuns, type PlannedRun } from '../../src/runner/plan.ts';
import { project } from '../support/runner-fixtures.ts';

const newUser: PersonaDefinition = { name: 'new-user' };
const buyer: PersonaDefinition = { name: 'returning-buyer' };
const recs: ProbeDefinition = { name: 'recommendations', personas: ['new-user', 'returning-buyer'], tags: ['recommendations', 'revenue'], steps: [] };
const search: ProbeDefinition = { name: 'search', tags: ['search'], steps: [] };
const checkout: ProbeDefinition = { name: 'checkout', personas: ['new-user', 'returning-buyer'], tags: ['checkout', 'revenue'], steps: [] };
const home: ProbeDefinition = { name: 'home-page', personas: ['new-user', 'returning-buyer'], steps: [] };

const TARGETS = { production: 'https://shop.example.com', staging: 'https://staging.example.com' };
const shop = project([recs, search, checkout, home], [newUser, buyer], TARGETS);
const prod = { name: 'production', url: TARGETS.production };
const staging = { name: 'staging', url: TARGETS.staging };

const names = (runs: PlannedRun[]) => runs.map((r) => `${r.probe.definition.name} · ${r.persona.name} · ${r.target.name}`);

function selectionError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SelectionError);
    return (error as Error).message;
  }
  throw new Error('expected a SelectionError');
}

describe('planRuns: tags', () => {
  it('selects probes having any of the tags', () => {
    expect(names(planRuns(shop, { tags: ['revenue'], targets: [prod] }))).toEqual([
      'recommendations · new-user · production',
      'recommendations · returning-buyer · production',
      'checkout · new-user · production',
      'checkout · returning-buyer · production',
    ]);
    expect(names(planRuns(shop, { tags: ['search', 'checkout'], targets: [prod] }))).toEqual([
      'search · anonymous · production',
      'checkout · new-user · production',
      'checkout · returning-buyer · production',
    ]);
  });

  it('combines with probe and persona filters (all must hold)', () => {
    expect(names(planRuns(shop, { tags: ['revenue'], probes: ['checkout', 'search'], personas: ['returning-buyer'], targets: [prod] }))).toEqual([
      'checkout · returning-buyer · production',
    ]);
  });

  it('names a tag no probe has, and the tags there are', () => {
    expect(selectionError(() => planRuns(shop, { tags: ['revenue', 'payments'], targets: [prod] }))).toBe(
      "no probe has the tag 'payments'; known tags: checkout, recommendations, revenue, search",
    );
    expect(selectionError(() => planRuns(project([home], [newUser], TARGETS), { tags: ['x'], targets: [prod] }))).toBe(
      "no probe has the tag 'x'; no probe has tags",
    );
  });
});

describe('planRuns: grep', () => {
  it("matches 'probe persona'", () => {
    expect(names(planRuns(shop, { grep: /^recommendations new-user$/, targets: [prod] }))).toEqual(['recommendations · new-user · production']);
    expect(names(planRuns(shop, { grep: /buyer/, targets: [prod] }))).toEqual([
      'recommendations · returning-buyer · production',
      'checkout · returning-buyer · production',
      'home-page · returning-buyer · production',
    ]);
    expect(names(planRuns(shop, { grep: /^(search|home-page) (anonymous|new-user)$/, targets: [prod] }))).toEqual([
      'search · anonymous · production',
      'home-page · new-user · production',
    ]);
  });

  it('tests every run from the start, even with a global or sticky pattern', () => {
    expect(planRuns(shop, { grep: /new-user/g, targets: [prod] })).toHaveLength(3);
    expect(planRuns(shop, { grep: /c/y, targets: [prod] }).map((r) => r.probe.definition.name)).toEqual(['checkout', 'checkout']);
  });

  it('may select nothing, which is for the command to judge', () => {
    expect(planRuns(shop, { grep: /nothing-like-this/, targets: [prod] })).toEqual([]);
  });
});

describe('shards', () => {
  const all = planRuns(shop, { targets: [prod, staging] });

  it.each([2, 3, 4, 5, 7, 14, 20])('1/%i … n/%i together hold every run exactly once, sizes differing by one at most', (n) => {
    const shards = Array.from({ length: n }, (_, i) => planRuns(shop, { targets: [prod, staging], shard: { index: i + 1, total: n } }));
    const keys = shards.flat().map(runKey);
    expect(keys).toHaveLength(all.length);
    expect(new Set(keys)).toEqual(new Set(all.map(runKey)));
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('deals the runs out in name order: exactly these runs in 1/3, 2/3 and 3/3', () => {
    const shard = (index: number) => names(planRuns(shop, { targets: [prod], shard: { index, total: 3 } }));
    // Sorted: checkout·new-user, checkout·returning-buyer, home-page·new-user, home-page·returning-buyer,
    // recommendations·new-user, recommendations·returning-buyer, search·anonymous; dealt 1,2,3,1,2,3,1.
    expect(shard(1)).toEqual(['search · anonymous · production', 'checkout · new-user · production', 'home-page · returning-buyer · production']);
    expect(shard(2)).toEqual(['recommendations · new-user · production', 'checkout · returning-buyer · production']);
    expect(shard(3)).toEqual(['recommendations · returning-buyer · production', 'home-page · new-user · production']);
  });

  it('keeps planned order within a shard', () => {
    const shard = planRuns(shop, { targets: [prod], shard: { index: 1, total: 3 } });
    const positions = shard.map((run) => all.filter((r) => r.target === prod).findIndex((r) => runKey(r) === runKey(run)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('does not depend on the order probe files loaded in', () => {
    const reordered = project([home, checkout, search, recs], [buyer, newUser], TARGETS);
    for (let index = 1; index <= 3; index += 1) {
      const a = planRuns(shop, { targets: [prod, staging], shard: { index, total: 3 } }).map(runKey).sort();
      const b = planRuns(reordered, { targets: [prod, staging], shard: { index, total: 3 } }).map(runKey).sort();
      expect(b).toEqual(a);
    }
  });

  it('splits after filtering, so a shard of a filtered run holds only selected runs', () => {
    const shards = [1, 2].map((index) => names(planRuns(shop, { tags: ['revenue'], targets: [prod], shard: { index, total: 2 } })));
    expect(shards).toEqual([
      ['recommendations · new-user · production', 'checkout · new-user · production'],
      ['recommendations · returning-buyer · production', 'checkout · returning-buyer · production'],
    ]);
  });

  it('leaves a shard empty when there are more shards than runs', () => {
    expect(planRuns(shop, { probes: ['search'], targets: [prod], shard: { index: 2, total: 3 } })).toEqual([]);
    expect(names(planRuns(shop, { probes: ['search'], targets: [prod], shard: { index: 1, total: 3 } }))).toEqual(['search · anonymous · production']);
  });

  it.each([
    [{ index: 0, total: 3 }],
    [{ index: 4, total: 3 }],
    [{ index: 1, total: 0 }],
    [{ index: 1.5, total: 3 }],
  ])('rejects %j', (shard) => {
    expect(selectionError(() => shardRuns(all, shard))).toBe(`invalid shard ${shard.index}/${shard.total}: expected i/n with 1 ≤ i ≤ n, e.g. 2/3`);
  });
});

describe('resolveTargets', () => {
  it('takes the default target when none is named', () => {
    expect(resolveTargets(shop, undefined)).toEqual([prod]);
    expect(resolveTargets(shop, [])).toEqual([prod]);
  });

  it('resolves each name or URL in order, each once', () => {
    expect(resolveTargets(shop, ['staging', 'production', 'http://127.0.0.1:4010/', 'staging'])).toEqual([
      staging,
      prod,
      { name: '127.0.0.1:4010', url: 'http://127.0.0.1:4010' },
    ]);
  });

  it('makes every run once per target', () => {
    expect(names(planRuns(shop, { probes: ['search'], targets: resolveTargets(shop, ['staging', 'production']) }))).toEqual([
      'search · anonymous · staging',
      'search · anonymous · production',
    ]);
  });

  it('names an unknown target', () => {
    expect(selectionError(() => resolveTargets(shop, ['staging', 'prod']))).toBe(
      "unknown target 'prod'; configured targets: production, staging (or pass a URL such as http://127.0.0.1:8080)",
    );
  });

  it('refuses two different targets that would share a name in reports', () => {
    expect(selectionError(() => resolveTargets(shop, ['http://127.0.0.1:4010', 'https://127.0.0.1:4010']))).toBe(
      "two targets are both named '127.0.0.1:4010' (http://127.0.0.1:4010, https://127.0.0.1:4010); name them in the config's targets",
    );
  });
});
