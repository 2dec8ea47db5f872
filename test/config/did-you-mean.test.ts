import { describe, expect, test } from 'vitest';
import { closestMatch, editDistance, suggestion } from '../../src/config/did-you-mean.ts';

describe('editDistance', () => {
  test('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('timeout', 'timeout')).toBe(0);
    expect(editDistance('timout', 'timeout')).toBe(1);
    expect(editDistance('retires', 'retries')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  test('finds a likely typo, ignoring case', () => {
    expect(closestMatch('timout', ['timeout', 'runTimeout'])).toBe('timeout');
    expect(closestMatch('get', ['GET', 'POST'])).toBe('GET');
  });

  test('suggests nothing for a word far from every known one', () => {
    expect(closestMatch('colour', ['targets', 'reporters'])).toBeUndefined();
  });
});

describe('suggestion', () => {
  test('a close word, or the list of known words', () => {
    expect(suggestion('jsn', ['console', 'json'], { listLabel: 'known reporters' })).toBe("did you mean 'json'?");
    expect(suggestion('junit', ['console', 'json'], { listLabel: 'known reporters' })).toBe('known reporters: console, json');
    expect(suggestion('x', [], { listLabel: 'known targets' })).toBe('known targets: (none)');
  });

  test('short lists can be shown with the suggestion', () => {
    expect(suggestion('new-usr', ['anonymous', 'new-user'], { listLabel: 'known personas', alwaysList: true })).toBe(
      "did you mean 'new-user'? known personas: anonymous, new-user",
    );
  });
});
