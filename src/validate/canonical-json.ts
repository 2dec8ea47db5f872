// Deep equality for JSON values: two values are equal when their JSON with sorted keys is.
// Key order carries no meaning in JSON, so `{a,b}` and `{b,a}` must compare equal.

export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  // A key is most often a string or a number: without a replacer, JSON.stringify is several times faster.
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
