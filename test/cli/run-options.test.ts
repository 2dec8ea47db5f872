// Usage mistakes in the CI flags of `run` exit 2 with a message naming the flag, before
// anything runs.
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG, REPO_ROOT } from '../support/cli.ts';
import { runMain } from './cli-harness.ts';

const run = (...args: string[]) => runMain(['run', '--config', DEMO_CONFIG, ...args], { cwd: REPO_ROOT });

describe('run: usage errors exit 2', () => {
  it.each([
    [['--shard', '4/3'], "error: option '--shard <i/n>' argument '4/3' is invalid. expected i/n with 1 ≤ i ≤ n (e.g. 1/3), got '4/3'.\n"],
    [['--shard', '1of3'], "error: option '--shard <i/n>' argument '1of3' is invalid. expected i/n with 1 ≤ i ≤ n (e.g. 1/3), got '1of3'.\n"],
    [['--grep', 'recs ('], "error: option '--grep <regex>' argument 'recs (' is invalid. invalid regular expression 'recs (': /recs (/: Unterminated group.\n"],
    [['--fail-on', 'pass'], "error: option '--fail-on <outcomes>' argument 'pass' is invalid. unknown outcome 'pass'; expected one of: fail, error, flaky, warn.\n"],
    [['--reporter', 'xml'], "error: option '-r, --reporter <names>' argument 'xml' is invalid. unknown reporter 'xml'; expected one of: console, json, junit, html, github.\n"],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith(message)).toBe(true);
  });

  it('names a tag no probe has', async () => {
    const { code, stderr } = await run('--tag', 'revenue,payments');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: no probe has the tag 'payments'; known tags: [a-z, -]*\brevenue\b[a-z, -]*\n$/);
  });

  it('names an unknown probe given with --probe', async () => {
    const { code, stderr } = await run('--probe', 'recommendations,recs');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: no probe named 'recs'; known probes: /);
  });

  it('names an unknown target among several', async () => {
    const { code, stderr } = await run('--target', 'local,staging');
    expect(code).toBe(2);
    expect(stderr).toBe("error: unknown target 'staging'; configured targets: local (or pass a URL such as http://127.0.0.1:8080)\n");
  });

  it('says when the filters leave nothing to run', async () => {
    const { code, stderr } = await run('--grep', '^no such probe');
    expect(code).toBe(2);
    expect(stderr).toBe('error: nothing to run: no probe × persona matches the selection\n');
  });
});
