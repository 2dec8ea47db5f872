import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/compare/benjamini-hochberg.ts';

describe('benjaminiHochberg against R', () => {
  // The example of R's ?p.adjust, as saved with R's sources (tests/Examples/stats-Ex.Rout.save):
  // `noquote(apply(p.adj, 2, format.pval, digits = 3))`, columns "none" (the raw p-values)
  // and "BH". The raw values are printed to 3 significant digits, so the adjusted ones
  // agree to that precision.
  const raw = [
    2.35e-7, 2.1e-5, 2.58e-5, 9.81e-5, 0.000105, 0.000124, 0.000133, 0.000157, 0.000225, 0.00038, 0.000611, 0.001614,
    0.003302, 0.003538, 0.005237, 0.006832, 0.007059, 0.008805, 0.009401, 0.011298, 0.02115, 0.049227, 0.060533, 0.062622,
    0.073952, 0.082811, 0.086333, 0.119065, 0.18908, 0.205849, 0.220921, 0.2856, 0.304889, 0.466068, 0.483081, 0.492175,
    0.531945, 0.575155, 0.578319, 0.618589, 0.636362, 0.644859, 0.655841, 0.688588, 0.718986, 0.817954, 0.827449, 0.89713,
    0.911868, 0.943789,
  ];
  const rBH = [
    1.18e-5, 0.000429, 0.000429, 0.000947, 0.000947, 0.000947, 0.000947, 0.00098, 0.001253, 0.001898, 0.00278, 0.006725,
    0.012637, 0.012637, 0.017457, 0.020762, 0.020762, 0.024459, 0.02474, 0.028245, 0.050358, 0.11188, 0.130463, 0.130463,
    0.147903, 0.159252, 0.159877, 0.212617, 0.325999, 0.343082, 0.356325, 0.44625, 0.461954, 0.683577, 0.683577, 0.683577,
    0.718845, 0.741435, 0.741435, 0.762606, 0.762606, 0.762606, 0.762606, 0.782487, 0.798874, 0.880265, 0.880265, 0.930478,
    0.930478, 0.943789,
  ];

  it("reproduces p.adjust(p, 'BH') on R's example", () => {
    const adjusted = benjaminiHochberg(raw);
    adjusted.forEach((p, i) => expect(Math.abs(p - rBH[i]!) / rBH[i]!).toBeLessThan(0.005));
  });

  it('gives the same values whatever the input order', () => {
    const reversed = benjaminiHochberg([...raw].reverse()).reverse();
    expect(reversed).toEqual(benjaminiHochberg(raw));
  });
});

describe('benjaminiHochberg by hand', () => {
  it('takes the running minimum of n/rank · p from the largest p down', () => {
    // Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4) → n/rank · p = 0.02, 0.02, 0.04, 0.04.
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
  });

  it('caps at 1, keeps a single p-value, and leaves NaN out of n (R keeps NA as NA)', () => {
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(benjaminiHochberg([0.01, Number.NaN, 0.02])).toEqual([0.02, Number.NaN, 0.02]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
