import { describe, expect, it } from 'vitest';
import {
  API_FAULTS,
  apiFaultsOf,
  FAULT_DESCRIPTIONS,
  FAULTS,
  isFaultName,
  isPageFault,
  PAGE_FAULTS,
  pageFaultsOf,
  toFaultSet,
  UnknownFaultError,
} from '../../src/demo/faults.ts';

describe('faults', () => {
  it('lists 17 faults, each with a one-line description', () => {
    expect(FAULTS).toHaveLength(17);
    expect(Object.keys(FAULT_DESCRIPTIONS)).toEqual([...FAULTS]);
    for (const fault of FAULTS) {
      expect(FAULT_DESCRIPTIONS[fault]).toMatch(/^[a-z][^\n]{10,80}$/);
    }
  });

  it('splits into 13 API faults and 4 page faults, in that order', () => {
    expect(API_FAULTS).toHaveLength(13);
    expect([...PAGE_FAULTS]).toEqual(['blank-page', 'js-error', 'widget-empty-render', 'widget-hidden']);
    expect([...FAULTS]).toEqual([...API_FAULTS, ...PAGE_FAULTS]);
    expect(FAULTS.filter(isPageFault)).toEqual([...PAGE_FAULTS]);
  });

  it('gives the API only API faults and pages only page faults', () => {
    const on = toFaultSet(['slow', 'blank-page', 'empty-recs-new-users', 'widget-hidden']);
    expect([...apiFaultsOf(on)]).toEqual(['slow', 'empty-recs-new-users']);
    expect([...pageFaultsOf(on)]).toEqual(['blank-page', 'widget-hidden']);
    expect([...apiFaultsOf(toFaultSet([...PAGE_FAULTS]))]).toEqual([]);
    expect([...pageFaultsOf(toFaultSet([...API_FAULTS]))]).toEqual([]);
  });

  it('recognises fault names', () => {
    expect(FAULTS.every(isFaultName)).toBe(true);
    expect(isFaultName('slow')).toBe(true);
    expect(isFaultName('js-error')).toBe(true);
    expect(isFaultName('Slow')).toBe(false);
    expect(isFaultName('toString')).toBe(false);
  });

  it('turns names into a set, naming an unknown one and the known ones', () => {
    expect([...toFaultSet(['slow', 'hang', 'slow'])]).toEqual(['slow', 'hang']);
    const error = (() => {
      try {
        toFaultSet(['slow', 'sloww']);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnknownFaultError);
    expect(error).toMatchObject({ name: 'UnknownFaultError', fault: 'sloww' });
    expect((error as Error).message).toBe(`unknown fault "sloww"; known faults: ${FAULTS.join(', ')}`);
  });
});
