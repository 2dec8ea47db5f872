// The standard normal distribution, accurate to a few units in the last place, so that
// the normal-approximation p-values and intervals agree with R's pnorm/qnorm.

const SQRT_PI = Math.sqrt(Math.PI);

/** P(Z <= z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return z < 0 ? erfc(-z / Math.SQRT2) / 2 : 1 - erfc(z / Math.SQRT2) / 2;
}

/** P(Z > z), computed directly so that small upper tails keep their precision. */
export function normalUpperTail(z: number): number {
  return normalCdf(-z);
}

/** The z with P(Z <= z) = p. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Acklam's rational approximation (relative error 1.2e-9) polished by Halley steps
  // against the accurate cdf: two steps reach full double precision.
  let z = acklamQuantile(p);
  for (let step = 0; step < 2; step++) {
    const error = normalCdf(z) - p;
    const u = error * Math.sqrt(2 * Math.PI) * Math.exp((z * z) / 2);
    z -= u / (1 + (z * u) / 2);
  }
  return z;
}

/**
 * Complementary error function for x >= 0: the everywhere-convergent series of positive
 * terms for erf below 2 (no cancellation), the Laplace continued fraction above
 * (evaluated with Lentz's method), which keeps the far tail's relative precision.
 */
function erfc(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < 2) return 1 - erfSeries(x);
  return (Math.exp(-x * x) / SQRT_PI) * erfcContinuedFraction(x);
}

// erf(x) = 2/√π · e^(−x²) · Σ (2x²)^k x / (1·3·…·(2k+1))
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

// 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / (x + …)))))
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

function acklamQuantile(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}
