import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { regex, shardSpec } from '../../src/cli/parse-options.ts';

describe('shardSpec', () => {
  it.each([
    ['1/3', { index: 1, total: 3 }],
    ['3/3', { index: 3, total: 3 }],
    [' 2/10 ', { index: 2, total: 10 }],
    ['1/1', { index: 1, total: 1 }],
  ])('%j', (value, shard) => {
    expect(shardSpec(value)).toEqual(shard);
  });

  it.each(['0/3', '4/3', '1/0', '1-3', '1/3/5', 'a/b', '1.5/3', '/3', '2/', ''])('rejects %j', (value) => {
    expect(() => shardSpec(value)).toThrow(new InvalidArgumentError(`expected i/n with 1 ≤ i ≤ n (e.g. 1/3), got '${value}'.`));
  });
});

describe('regex', () => {
  it('compiles a pattern as written', () => {
    expect(regex('^recs (new|old)-user$').test('recs new-user')).toBe(true);
  });

  it('names an invalid pattern and why', () => {
    expect(() => regex('recs (')).toThrow(new InvalidArgumentError("invalid regular expression 'recs (': /recs (/: Unterminated group."));
  });
});
