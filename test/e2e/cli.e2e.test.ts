// The real CLI as users meet it: configuration mistakes exit 2 naming file and path,
// usage mistakes exit 2, a probe that hangs or throws costs only its own run, secrets
// never reach the output, and the quick-start demo does what the README says.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_BUYER } from '../../src/demo/store.ts';
import { BUYER_ENV, useDemoShop } from '../support/demo-shop.ts';
import { Fixture } from '../config/fixture.ts';
import { DEMO_CONFIG, readReport, runCli } from '../support/cli.ts';

const demo = useDemoShop();

const CONFIG = `import { defineConfig, definePersona, secret } from 'payloadwatch';

export default defineConfig({
  targets: { shop: 'http://127.0.0.1:1' },
  personas: [definePersona({ name: 'buyer', headers: { 'x-api-key': secret('SHOP_BUYER_PASSWORD') } })],
});
`;

describe('configuration errors', () => {
  it('exit 2 and name every problem with file, path and hint', async () => {
    const fixture = await Fixture.create({
      'payloadwatch.config.ts': CONFIG,
      'probes/bad.probe.ts': `import { defineProbe, nonEmpty } from 'payloadwatch';
export default defineProbe({
  name: 'bad',
  schedule: 'every minute',
  personas: ['buyer', 'ghost'],
  steps: [{ name: 'list', api: { path: '/api/items', methd: 'GET' }, expect: { schema: 'missing.schema.json', rules: [nonEmpty('$.items[')] } }],
});
`,
      'probes/broken.probe.ts': `import { defineProbe } from 'payloadwatch';
export default defineProbe({ name: 'broken' steps: [] });
`,
    });
    for (const command of ['run', 'validate']) {
      const { code, stderr, stdout } = await runCli([command], { cwd: fixture.dir });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain("error probes/bad.probe.ts: steps[0].expect.rules[0].path: invalid JSONPath '$.items[': unclosed bracketed selection");
      expect(stderr).toContain("error probes/bad.probe.ts: personas[1]: unknown persona 'ghost'");
      expect(stderr).toContain("error probes/bad.probe.ts: schedule: invalid cron expression 'every minute'");
      expect(stderr).toContain("error probes/bad.probe.ts: steps[0].api.methd: unknown key 'methd'\n  hint: did you mean 'method'?");
      expect(stderr).toContain("error probes/bad.probe.ts: steps[0].expect.schema: no schema 'missing.schema.json'");
      expect(stderr).toMatch(/error probes\/broken\.probe\.ts: syntax error at probes\/broken\.probe\.ts:2:45: Expected "}" but found "steps"/);
      expect(stderr).toMatch(/\n\d+ errors: configuration is invalid\n$/);
    }
    await fixture.dispose();
  });

  it('exit 2 when the config file is missing', async () => {
    const fixture = await Fixture.create({});
    const { code, stderr } = await runCli(['run'], { cwd: fixture.dir });
    expect(code).toBe(2);
    expect(stderr).toContain('config file not found');
    expect(stderr).toContain('hint: pass --config <file>, or create payloadwatch.config.ts');
    await fixture.dispose();
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['run', '--concurrency', '0'], "error: option '--concurrency <n>' argument '0' is invalid. expected a whole number ≥ 1, got '0'."],
    [['run', '--reporter', 'xml'], "error: option '-r, --reporter <names>' argument 'xml' is invalid. unknown reporter 'xml'; expected one of: console, json, junit, html, github."],
    [['run', '--timeout', 'soon'], "expected a duration such as 500ms, 10s or 2m, got 'soon'."],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('%j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('an unknown probe or target names what exists', async () => {
    const probe = await runCli(['run', 'nope', '--config', DEMO_CONFIG]);
    expect(probe.code).toBe(2);
    expect(probe.stderr).toBe("error: no probe named 'nope'; known probes: add-to-cart, checkout, home-page, product-page, product, recommendations, search-page, search\n");
    const target = await runCli(['run', '--config', DEMO_CONFIG, '--target', 'staging']);
    expect(target.code).toBe(2);
    expect(target.stderr).toBe(
      "error: unknown target 'staging'; configured targets: local (or pass a URL such as http://127.0.0.1:8080)\n",
    );
  });
});

describe('list and validate', () => {
  it('list prints one row per probe × persona with its schedule', async () => {
    const { code, stdout } = await runCli(['list', '--config', DEMO_CONFIG]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^PROBE +PERSONA +SCHEDULE +TAGS +FILE$/);
    expect(stdout).toMatch(/\nrecommendations +new-user +\*\/30 \* \* \* \* \* +recommendations,revenue +probes\/recommendations\.probe\.ts\n/);
    expect(stdout).toMatch(/\ncheckout +new-user +0 \*\/5 \* \* \* \* +checkout,revenue +probes\/checkout\.probe\.ts\n/);
    expect(stdout).toContain('8 probes, 14 probe × persona runs; targets: local (default local)');
  });

  it('validate says what it checked and exits 0', async () => {
    const { code, stdout } = await runCli(['validate', '--config', DEMO_CONFIG]);
    expect(code).toBe(0);
    expect(stdout).toBe('payloadwatch.config.ts: valid — 8 probes, 3 personas, 1 target, 14 probe × persona runs\n');
  });
});

describe('isolation: one probe hangs, one throws, the others finish', () => {
  it('errors the bad runs within the deadline and passes the good one', async () => {
    const fixture = await Fixture.create({
      'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';
export default defineConfig({ targets: { shop: ${JSON.stringify(demo.shop.url)} }, defaults: { retries: 0 } });
`,
      'probes/isolation.probe.ts': `import { custom, defineProbe, equals } from 'payloadwatch';
export const healthy = defineProbe({ name: 'healthy', steps: [{ name: 'health', api: { path: '/healthz' }, expect: { rules: [equals('$.status', 'ok')] } }] });
export const stuck = defineProbe({ name: 'stuck', steps: [{ name: 'health', api: { path: '/healthz' }, expect: { rules: [custom('never answers', () => new Promise(() => {}))] } }] });
export const throws = defineProbe({ name: 'throws', steps: [{ name: 'health', api: { path: '/healthz' }, expect: { rules: [custom('explodes', () => { throw new Error('boom'); })] } }] });
export const hangs = defineProbe({ name: 'hangs', steps: [{ name: 'products', api: { path: '/api/products' }, expect: { rules: [equals('$.total', 24)] } }] });
`,
    });
    demo.shop.setFaults(['hang']);
    try {
      const { code, stdout } = await runCli(['run', '--reporter', 'console,json', '--output', 'out', '--timeout', '2s'], { cwd: fixture.dir });
      expect(code).toBe(1);
      const report = await readReport(join(fixture.dir, 'out'));
      const outcome = Object.fromEntries(report.results.map((r) => [r.probe, r.outcome]));
      expect(outcome).toEqual({ healthy: 'pass', stuck: 'error', throws: 'error', hangs: 'error' });
      const byName = Object.fromEntries(report.results.map((r) => [r.probe, r]));
      expect(byName.stuck!.error).toBe("the run did not finish within its 2s deadline (stuck in step 'health')");
      expect(byName.throws!.error).toBe('custom rule threw: boom');
      expect(byName.hangs!.checks.map((c) => c.kind)).toEqual(['transport']);
      expect(stdout).toContain('4 runs: 1 passed, 0 failed, 3 errored, 0 flaky');
    } finally {
      demo.shop.setFaults([]);
      await fixture.dispose();
    }
  });
});

describe('secrets', () => {
  it('never appear in console output, logs or the JSON report', async () => {
    const fixture = await Fixture.create({
      'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';
export default defineConfig({ targets: { shop: ${JSON.stringify(demo.shop.url)} } });
`,
      'probes/leaky.probe.ts': `import { custom, defineProbe, equals, secret } from 'payloadwatch';
export default defineProbe({
  name: 'leaky',
  steps: [
    {
      name: 'log in',
      api: { method: 'POST', path: '/api/login', body: { email: secret('SHOP_BUYER_EMAIL'), password: secret('SHOP_BUYER_PASSWORD') } },
      expect: {
        rules: [
          equals('$.token', 'not-the-token'),
          custom('tells the password', () => 'the password is ' + process.env.SHOP_BUYER_PASSWORD),
        ],
      },
      capture: { sessionToken: '$.token' },
      soft: true,
    },
    {
      name: 'recommendations',
      api: { path: '/api/recommendations', headers: { authorization: 'Bearer {{sessionToken}}' } },
      expect: { rules: [equals('$.userId', '{{sessionToken}}')] },
    },
  ],
});
`,
    });
    try {
      const run = await runCli(['run', '--reporter', 'console,json', '--output', 'out', '--log-level', 'debug'], { cwd: fixture.dir, env: BUYER_ENV });
      expect(run.code).toBe(1);
      const reportText = await readFile(join(fixture.dir, 'out', 'report.json'), 'utf8');
      const report = JSON.parse(reportText) as import('../../src/model/results.ts').Report;
      const checks = report.results[0]!.checks;
      expect(checks.find((c) => c.name === 'tells the password')?.message).toBe('the password is [REDACTED]');
      expect(checks.find((c) => c.name === 'equals $.token "not-the-token"')?.actual).toBe('"[REDACTED]"');
      expect(checks.find((c) => c.name === 'equals $.userId "{{sessionToken}}"')?.expected).toBe('"[REDACTED]"');
      const everything = run.stdout + run.stderr + reportText;
      expect(everything).not.toContain(DEMO_BUYER.password);
      // Debug logs were written, one per request with its headers, and still hold no secret.
      expect(run.stderr).toMatch(/"level":20,.*"headers":\{[^}]*"authorization":"\[REDACTED\]"/);
    } finally {
      await fixture.dispose();
    }
  });

  it('a missing secret errors the run and names the variable', async () => {
    const output = join(await Fixture.create({}).then((f) => f.dir), 'out');
    const run = await runCli(['run', 'recommendations', '--config', DEMO_CONFIG, '--target', demo.shop.url, '--reporter', 'json', '--output', output], {
      env: { SHOP_BUYER_EMAIL: '', SHOP_BUYER_PASSWORD: '' },
    });
    expect(run.code).toBe(1);
    const report = await readReport(output);
    const buyer = report.results.find((r) => r.persona === 'returning-buyer')!;
    expect(buyer.outcome).toBe('error');
    expect(buyer.error).toBe('secret SHOP_BUYER_EMAIL is not set: export the environment variable SHOP_BUYER_EMAIL before running');
    expect(report.results.find((r) => r.persona === 'new-user')!.outcome).toBe('pass');
  });
});

describe('the quick-start demo', () => {
  it('catches the incident for new-user, passes returning-buyer, and says how to go on', async () => {
    const { code, stdout } = await runCli(['demo']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✘ recommendations · new-user · .*\n +✘ rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at \$\.items, got \[\]\n/);
    expect(stdout).toMatch(/✔ recommendations · returning-buyer/);
    // The product page shows it too: the widget renders an empty component.
    expect(stdout).toMatch(/✘ product-page · new-user · .*\n(.*\n)* +✘ dom "recommendations are shown" in step 'product page': expected at least 1 element matching \.rec-card, found 0\n/);
    expect(stdout).toMatch(/✔ product-page · returning-buyer/);
    expect(stdout).toContain('14 runs: 11 passed, 3 failed, 0 errored, 0 flaky');
    expect(stdout).toContain('Caught:\n  new-user: home-page, product-page, recommendations\n');
    expect(stdout).toContain('Point payloadwatch at your own API:');
  });

  it('against the healthy shop passes everything', async () => {
    const { code, stdout } = await runCli(['demo', '--fault', 'none']);
    expect(code).toBe(0);
    expect(stdout).toContain('14 runs: 14 passed, 0 failed, 0 errored, 0 flaky');
  });
});
