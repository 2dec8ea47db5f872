// Brent's root finder in the form of Forsythe, Malcolm and Moler ("zeroin", Computer
// Methods for Mathematical Computations, 1977): bisection safeguarding inverse linear or
// quadratic interpolation. It is the algorithm behind R's uniroot(), step for step, so
// that an interval endpoint found on a step function (the normal-approximation Wilcoxon
// interval) lands where R's lands, not merely within the tolerance of it.

export interface RootSearch {
  /** f(lower) and f(upper) when already known; they must have opposite signs (or be 0). */
  fLower?: number;
  fUpper?: number;
  /** Absolute tolerance on the root; R's uniroot default is the fourth root of machine epsilon. */
  tolerance?: number;
  maxIterations?: number;
}

export interface Root {
  root: number;
  iterations: number;
  /** False when maxIterations ran out first. */
  converged: boolean;
}

/** uniroot()'s default tolerance: `.Machine$double.eps^0.25`. */
export const UNIROOT_TOLERANCE = Number.EPSILON ** 0.25;

export class RootNotBracketedError extends Error {
  override name = 'RootNotBracketedError';
  constructor(
    readonly fLower: number,
    readonly fUpper: number,
  ) {
    super(`f() has the same sign at both ends of the interval (${fLower}, ${fUpper})`);
  }
}

export function findRoot(f: (x: number) => number, lower: number, upper: number, search: RootSearch = {}): Root {
  const tolerance = search.tolerance ?? UNIROOT_TOLERANCE;
  const maxIterations = search.maxIterations ?? 1000;
  let a = lower;
  let b = upper;
  let fa = search.fLower ?? f(a);
  let fb = search.fUpper ?? f(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw new RangeError('f() is NaN at an end of the interval');
  if (fa === 0) return { root: a, iterations: 0, converged: true };
  if (fb === 0) return { root: b, iterations: 0, converged: true };
  if (fa * fb > 0) throw new RootNotBracketedError(fa, fb);

  // b is the best approximation, a the previous one, c the point that keeps the root
  // bracketed with b.
  let c = a;
  let fc = fa;
  for (let iteration = 1; iteration <= maxIterations + 1; iteration++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const actualTolerance = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= actualTolerance || fb === 0) return { root: b, iterations: iteration - 1, converged: true };

    if (Math.abs(previousStep) >= actualTolerance && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Interpolate only when the new point falls well inside [b, c] and the step shrinks.
      if (p < 0.75 * cb * q - Math.abs(actualTolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) step = p / q;
    }
    if (Math.abs(step) < actualTolerance) step = step > 0 ? actualTolerance : -actualTolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return { root: b, iterations: maxIterations, converged: false };
}
