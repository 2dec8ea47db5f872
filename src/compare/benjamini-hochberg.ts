// Benjamini–Hochberg step-up adjustment (JRSS B 57, 1995), as R's `p.adjust(p, 'BH')`:
// the i-th smallest of n p-values becomes min over j >= i of n/j · p_(j), capped at 1, so
// rejecting every adjusted p below alpha controls the false discovery rate at alpha.

/** Adjusted p-values in the input order; NaN entries stay NaN and do not count in n. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const present = pValues.map((p, i) => ({ p, i })).filter(({ p }) => !Number.isNaN(p));
  const n = present.length;
  const adjusted = pValues.map(() => Number.NaN);
  present.sort((a, b) => b.p - a.p);
  let runningMin = Number.POSITIVE_INFINITY;
  present.forEach(({ p, i }, k) => {
    const rank = n - k;
    runningMin = Math.min(runningMin, (n / rank) * p);
    adjusted[i] = Math.min(1, runningMin);
  });
  return adjusted;
}
