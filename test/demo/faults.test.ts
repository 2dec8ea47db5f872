import { describe, expect, it } from 'vitest';
import { FAULT_DESCRIPTIONS, FAULTS, isFaultName, toFaultSet, UnknownFaultError } from '../../src/demo/faults.ts';

describe('faults', () => {
  it('lists 13 faults, each with a one-line description', () => {
    expect(FAULTS).toHaveLength(13);
    expect(Object.keys(FAULT_DESCRIPTIONS)).toEqual([...FAULTS]);
    for (const fault of FAULTS) {
      expect(FAULT_DESCRIPTIONS[fault]).toMatch(/^[a-z][^\n]{10,80}$/);
    }
  });

  it('recognises fault names', () => {
    expect(FAULTS.every(isFaultName)).toBe(true);
    expect(isFaultName('slow')).toBe(true);
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
