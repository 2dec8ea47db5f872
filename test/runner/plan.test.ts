import { describe, expect, it } from 'vitest';
import { ANONYMOUS_PERSONA } from '../../src/config/project.ts';
import type { PersonaDefinition, ProbeDefinition } from '../../src/model/definitions.ts';
import { planRuns, resolveTarget, SelectionError, type PlannedRun } from '../../src/runner/plan.ts';
import { project } from '../support/runner-fixtures.ts';

const newUser: PersonaDefinition = { name: 'new-user' };
const buyer: PersonaDefinition = { name: 'returning-buyer' };
const recs: ProbeDefinition = { name: 'recommendations', personas: ['new-user', 'returning-buyer'], steps: [] };
const search: ProbeDefinition = { name: 'search', steps: [] };
const checkout: ProbeDefinition = { name: 'checkout', personas: ['returning-buyer'], steps: [] };

const TARGETS = { production: 'https://shop.example.com', staging: 'https://staging.example.com' };
const shopProject = project([recs, search, checkout], [newUser, buyer], TARGETS);
const prod = { name: 'production', url: TARGETS.production };
const staging = { name: 'staging', url: TARGETS.staging };

const triples = (runs: PlannedRun[]) => runs.map((r) => `${r.probe.definition.name} · ${r.persona.name} · ${r.target.name}`);

function selectionError(fn: () => unknown): SelectionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SelectionError);
    expect((error as Error).name).toBe('SelectionError');
    return error as SelectionError;
  }
  throw new Error('expected a SelectionError');
}

describe('planRuns', () => {
  it('makes every probe × its personas × every target, in that order', () => {
    expect(triples(planRuns(shopProject, { targets: [prod, staging] }))).toEqual([
      'recommendations · new-user · production',
      'recommendations · new-user · staging',
      'recommendations · returning-buyer · production',
      'recommendations · returning-buyer · staging',
      'search · anonymous · production',
      'search · anonymous · staging',
      'checkout · returning-buyer · production',
      'checkout · returning-buyer · staging',
    ]);
  });

  it('carries the loaded probe, the persona definition and the target themselves', () => {
    const [first] = planRuns(shopProject, { probes: ['recommendations'], targets: [prod] });
    expect(first).toEqual({ probe: shopProject.probes[0], persona: newUser, target: prod });
    expect(first!.persona).toBe(newUser);
  });

  it('runs a probe that names no persona as the anonymous persona', () => {
    const runs = planRuns(shopProject, { probes: ['search'], targets: [prod] });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.persona).toBe(ANONYMOUS_PERSONA);
    expect(runs[0]!.persona).toEqual({ name: 'anonymous', description: 'no account, no headers' });
  });

  it('filters by probe names', () => {
    expect(triples(planRuns(shopProject, { probes: ['checkout', 'search'], targets: [prod] }))).toEqual([
      'search · anonymous · production',
      'checkout · returning-buyer · production',
    ]);
  });

  it('filters by persona names, leaving out probes that do not run as them', () => {
    expect(triples(planRuns(shopProject, { personas: ['returning-buyer'], targets: [prod] }))).toEqual([
      'recommendations · returning-buyer · production',
      'checkout · returning-buyer · production',
    ]);
    expect(triples(planRuns(shopProject, { personas: ['anonymous'], targets: [prod] }))).toEqual(['search · anonymous · production']);
  });

  it('combines probe and persona filters', () => {
    expect(triples(planRuns(shopProject, { probes: ['recommendations'], personas: ['new-user'], targets: [staging] }))).toEqual([
      'recommendations · new-user · staging',
    ]);
  });

  it('treats empty filters as no filter', () => {
    expect(planRuns(shopProject, { probes: [], personas: [], targets: [prod] })).toHaveLength(4);
  });

  it('makes no runs without targets', () => {
    expect(planRuns(shopProject, { targets: [] })).toEqual([]);
  });

  it('names every unknown probe and the known ones', () => {
    const error = selectionError(() => planRuns(shopProject, { probes: ['search', 'recs', 'chekout'], targets: [prod] }));
    expect(error.message).toBe("no probe named 'recs', 'chekout'; known probes: recommendations, search, checkout");
  });

  it('names every unknown persona and the known ones', () => {
    const error = selectionError(() => planRuns(shopProject, { personas: ['admin'], targets: [prod] }));
    expect(error.message).toBe("no persona named 'admin'; known personas: anonymous, new-user, returning-buyer");
  });

  it('skips a persona the project does not define (validation reports it)', () => {
    const orphan: ProbeDefinition = { name: 'orphan', personas: ['ghost', 'new-user'], steps: [] };
    expect(triples(planRuns(project([orphan], [newUser], TARGETS), { targets: [prod] }))).toEqual(['orphan · new-user · production']);
  });
});

describe('resolveTarget', () => {
  it('finds a configured target by name', () => {
    expect(resolveTarget(shopProject, 'staging')).toEqual(staging);
  });

  it('uses the default target when none is asked for', () => {
    expect(resolveTarget(shopProject, undefined)).toEqual(prod);
    expect(resolveTarget({ ...shopProject, defaultTarget: 'staging' }, undefined)).toEqual(staging);
  });

  it('takes a URL, named after its host, without trailing slashes', () => {
    expect(resolveTarget(shopProject, 'http://127.0.0.1:8080/')).toEqual({ name: '127.0.0.1:8080', url: 'http://127.0.0.1:8080' });
    expect(resolveTarget(shopProject, 'https://canary.example.com/shop//')).toEqual({
      name: 'canary.example.com',
      url: 'https://canary.example.com/shop',
    });
    expect(resolveTarget(shopProject, 'HTTP://Canary.Example.com')).toEqual({ name: 'canary.example.com', url: 'HTTP://Canary.Example.com' });
  });

  it('prefers a configured name over reading it as a URL', () => {
    const odd = { ...shopProject, targets: { 'http://alias': 'https://real.example.com' } };
    expect(resolveTarget(odd, 'http://alias')).toEqual({ name: 'http://alias', url: 'https://real.example.com' });
  });

  it('names the configured targets when the target is unknown', () => {
    const error = selectionError(() => resolveTarget(shopProject, 'prod'));
    expect(error.message).toBe(
      "unknown target 'prod'; configured targets: production, staging (or pass a URL such as http://127.0.0.1:8080)",
    );
  });
});
