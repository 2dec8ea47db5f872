// Numbers as the verdict's reasons show them: `p < 0.001`, `0% → 100%`, `+25%`.

/** `p < 0.001`, `p = 0.032`. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return 'p = n/a';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/**
 * A rate as a percentage: whole percents, except that a rate near 0% or 100% keeps a
 * decimal so it never reads as exactly 0% or 100% when it is not.
 */
export function formatRate(rate: number): string {
  if (Number.isNaN(rate)) return 'n/a';
  const percent = rate * 100;
  if (Number.isInteger(percent)) return `${percent}%`;
  const whole = Math.round(percent);
  if ((whole === 0 || whole === 100) && percent !== whole) return `${Number(percent.toFixed(1))}%`;
  return `${whole}%`;
}

/** `0% → 100%`. */
export function formatRateChange(from: number, to: number): string {
  return `${formatRate(from)} → ${formatRate(to)}`;
}

/** `+25%`, `-100%`, `0%`; a change from zero has no relative size: `from 0`. */
export function formatRelativeChange(change: number | null): string {
  if (change === null) return 'from 0';
  const percent = Math.round(change * 100);
  return `${percent > 0 ? '+' : ''}${percent}%`;
}

/** A measured value with at most three significant digits after the point: `5`, `0.25`, `1234`. */
export function formatValue(value: number, unit = ''): string {
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(Math.max(3, digitsBeforePoint(value)))));
  return unit ? `${text} ${unit}` : text;
}

/** `+360 ms`, `-5`. */
export function formatShift(shift: number, unit = ''): string {
  return `${shift > 0 ? '+' : ''}${formatValue(shift, unit)}`;
}

function digitsBeforePoint(value: number): number {
  return Math.max(1, Math.floor(Math.log10(Math.abs(value))) + 1);
}
