import { describe, expect, it } from 'vitest';
import { findRoot, RootNotBracketedError, UNIROOT_TOLERANCE } from '../../src/compare/find-root.ts';

describe('findRoot (zeroin)', () => {
  it("finds a smooth function's root within the tolerance", () => {
    const { root, converged } = findRoot((x) => x * x - 2, 0, 2);
    expect(converged).toBe(true);
    expect(Math.abs(root - Math.SQRT2)).toBeLessThan(UNIROOT_TOLERANCE);
    expect(findRoot((x) => x * x - 2, 0, 2, { tolerance: 1e-14 }).root).toBeCloseTo(Math.SQRT2, 14);
  });

  it('lands on the jump of a step function, within the tolerance', () => {
    const { root } = findRoot((x) => (x < 0.3 ? 1 : -1), 0, 1, { tolerance: 1e-6 });
    expect(Math.abs(root - 0.3)).toBeLessThan(1e-6);
  });

  it('returns an end where the function is zero, and refuses an interval that does not bracket a root', () => {
    expect(findRoot((x) => x - 1, 1, 3).root).toBe(1);
    expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(RootNotBracketedError);
  });

  it('reports when it runs out of iterations', () => {
    expect(findRoot((x) => (x < 0.123456789 ? 1 : -1), 0, 1, { tolerance: 0, maxIterations: 5 }).converged).toBe(false);
  });
});
