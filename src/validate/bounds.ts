// Bounds written two ways: short for rule names (`[1..10]`, `(>0)`), as words for messages.
import type { Rule } from '../model/definitions.ts';

type CountRule = Extract<Rule, { rule: 'count' }>;
type RangeRule = Extract<Rule, { rule: 'range' }>;

/** `[1..10]`, `[1..]`, `[..10]`; empty without bounds. */
export function countBoundsShort({ min, max }: CountRule): string {
  if (min === undefined && max === undefined) return '';
  return `[${min ?? ''}..${max ?? ''}]`;
}

/** `between 1 and 10`, `at least 1`, `at most 10`, `exactly 3`, `any number`. */
export function countBoundsText({ min, max }: CountRule): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return 'any number';
}

export function countWithinBounds(n: number, { min, max }: CountRule): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

/** Each bound as a comparison: `['> 0', '<= 100']`. */
export function rangeComparisons({ min, max, above, below }: RangeRule): string[] {
  const parts: string[] = [];
  if (above !== undefined) parts.push(`> ${above}`);
  if (min !== undefined) parts.push(`>= ${min}`);
  if (below !== undefined) parts.push(`< ${below}`);
  if (max !== undefined) parts.push(`<= ${max}`);
  return parts;
}

/** `> 0 and <= 100`; `any number` without bounds. */
export function rangeText(rule: RangeRule): string {
  const parts = rangeComparisons(rule);
  return parts.length > 0 ? parts.join(' and ') : 'any number';
}

export function inRange(n: number, { min, max, above, below }: RangeRule): boolean {
  return (
    (min === undefined || n >= min) &&
    (max === undefined || n <= max) &&
    (above === undefined || n > above) &&
    (below === undefined || n < below)
  );
}
