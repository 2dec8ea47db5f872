// Option parsers for commander: a bad value is a usage error (exit 2) that names the
// option, what it expects and what it got.
import { InvalidArgumentError } from 'commander';
import { toMilliseconds } from '../config/duration.ts';

export function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got '${value}'.`);
    return n;
  };
}

export function duration(value: string): number {
  const ms = toMilliseconds(/^\d+(\.\d+)?$/.test(value) ? Number(value) : (value as never));
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`expected a duration such as 500ms, 10s or 2m, got '${value}'.`);
  return ms;
}

/** `--persona a,b --persona c` → `['a', 'b', 'c']`. */
export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function oneOfList<T extends string>(allowed: readonly T[], what: string) {
  return (value: string, previous: T[] = []): T[] => {
    const items = commaList(value);
    const unknown = items.filter((item) => !allowed.includes(item as T));
    if (unknown.length) throw new InvalidArgumentError(`unknown ${what} '${unknown.join("', '")}'; expected one of: ${allowed.join(', ')}.`);
    return [...new Set([...previous, ...(items as T[])])];
  };
}

/** `--shard 2/3` → `{ index: 2, total: 3 }`. */
export function shardSpec(value: string): { index: number; total: number } {
  const m = value.trim().match(/^(\d+)\/(\d+)$/);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total) {
    throw new InvalidArgumentError(`expected i/n with 1 ≤ i ≤ n (e.g. 1/3), got '${value}'.`);
  }
  return { index, total };
}

/** `--grep <regex>`: a JavaScript regular expression, without slashes. */
export function regex(value: string): RegExp {
  try {
    return new RegExp(value);
  } catch (error) {
    throw new InvalidArgumentError(`invalid regular expression '${value}': ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`);
  }
}

/** A TCP port for a server to listen on; 0 lets the system choose. */
export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535 (0: any free port), got '${value}'.`);
  return n;
}
