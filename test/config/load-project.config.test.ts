import { afterEach, describe, expect, test } from 'vitest';
import { error, Fixture, validProbe, warning } from './fixture.ts';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
});

async function project(files: Record<string, string>): Promise<Fixture> {
  const fixture = await Fixture.create(files);
  fixtures.push(fixture);
  return fixture;
}

/** A config file whose object literal is `body`, next to one valid probe. */
function withConfig(body: string): Record<string, string> {
  return {
    'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';\n\nexport default defineConfig({\n${body}\n} as never);\n`,
    'probes/items.probe.ts': validProbe('items'),
  };
}

const TARGETS = "  targets: { production: 'https://shop.example.com' },";

describe('finding the config', () => {
  test('no config in the folder names the conventional file and how to pass one', async () => {
    const fixture = await project({});
    const result = await fixture.load();
    expect(result.project).toBeUndefined();
    expect(result.diagnostics).toEqual([
      error(
        'payloadwatch.config.ts',
        '',
        'config file not found (looked for payloadwatch.config.ts, payloadwatch.config.mts, payloadwatch.config.js, payloadwatch.config.mjs)',
        'pass --config <file>, or create payloadwatch.config.ts',
      ),
    ]);
  });

  test('a --config path that does not exist is named as given', async () => {
    const fixture = await project({});
    const result = await fixture.load({ config: 'ops/payloadwatch.config.ts' });
    expect(result.diagnostics).toEqual([
      error('ops/payloadwatch.config.ts', '', 'config file not found', 'check the --config path; it is relative to the working directory'),
    ]);
  });

  test('a --config path that is a folder is refused', async () => {
    const fixture = await project({ 'ops/readme.md': '' });
    const result = await fixture.load({ config: 'ops' });
    expect(result.diagnostics).toEqual([
      error('ops', '', 'the config is not a file', 'pass --config <file>, e.g. --config payloadwatch.config.ts'),
    ]);
  });

  test('a config elsewhere resolves probes against its own folder; messages stay relative to cwd', async () => {
    const fixture = await project({
      'monitoring/payloadwatch.config.mjs': "export default { targets: { production: 'https://shop.example.com' } };\n",
      'monitoring/probes/items.probe.ts': validProbe('items'),
    });
    const result = await fixture.load({ config: 'monitoring/payloadwatch.config.mjs' });
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.configFile).toBe('monitoring/payloadwatch.config.mjs');
    expect(result.project?.probes.map((probe) => probe.file)).toEqual(['monitoring/probes/items.probe.ts']);
  });

  test('a .js config is found when there is no .ts config', async () => {
    const fixture = await project({
      'payloadwatch.config.js': "export default { targets: { production: 'https://shop.example.com' } };\n",
      'probes/items.probe.ts': validProbe('items'),
    });
    const result = await fixture.load();
    expect(result.project?.configFile).toBe('payloadwatch.config.js');
  });
});

describe('loading the config', () => {
  test('a syntax error names the line and column', async () => {
    const fixture = await project({
      'payloadwatch.config.ts': "import { defineConfig } from 'payloadwatch';\n\nexport default defineConfig({\n  targets: { production: 'https://shop.example.com' }}\n});\n",
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', '', 'syntax error at payloadwatch.config.ts:5:1: Expected ")" but found "}"'),
    ]);
  });

  test('a syntax error in a plain JavaScript config is located too', async () => {
    const fixture = await project({ 'payloadwatch.config.mjs': 'export default {\n  targets: { production: 1 2 },\n};\n' });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.mjs', '', 'syntax error at payloadwatch.config.mjs:2:28: Expected "}" but found "2"'),
    ]);
  });

  test('a config without a default export says what to export', async () => {
    const fixture = await project({ 'payloadwatch.config.ts': "export const targets = { production: 'https://shop.example.com' };\n" });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'payloadwatch.config.ts',
        '',
        'the config file has no default export',
        "export default defineConfig({ targets: { production: 'https://shop.example.com' } })",
      ),
    ]);
  });

  test('a config that throws while loading reports the error and where', async () => {
    const fixture = await project({
      'payloadwatch.config.ts': "const base = process.env.NO_SUCH_VARIABLE;\n\nexport default { targets: { production: base!.trim() } };\n",
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'payloadwatch.config.ts',
        '',
        "failed to load: TypeError: Cannot read properties of undefined (reading 'trim') (thrown at payloadwatch.config.ts:3:47)",
        'top-level code runs when payloadwatch loads the file; move work that can fail into a step or a persona setup',
      ),
    ]);
  });
});

describe('validating the config', () => {
  test('an unknown key close to a known one suggests it', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  reporter: ['json'],\n  defaults: { timout: '5s' },`));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'reporter', "unknown key 'reporter'", "did you mean 'reporters'?"),
      error('payloadwatch.config.ts', 'defaults.timout', "unknown key 'timout'", "did you mean 'timeout'?"),
    ]);
  });

  test('an unknown key far from every known one lists the known keys', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  colour: 'blue',`));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'payloadwatch.config.ts',
        'colour',
        "unknown key 'colour'",
        'known keys: targets, defaultTarget, personas, probes, schemas, defaults, browser, reporters, output, location',
      ),
    ]);
  });

  test('wrong types say what was expected and what came', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  location: 5,\n  output: '',\n  defaults: { retries: '3' },\n  probes: 7,`));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'probes', 'expected a glob or an array of globs, got a number (7)', "e.g. 'probes/**/*.probe.ts'"),
      error('payloadwatch.config.ts', 'defaults.retries', "expected an integer from 0 to 10, got a string ('3')"),
      error('payloadwatch.config.ts', 'output', "expected a non-empty string, got a string ('')"),
      error('payloadwatch.config.ts', 'location', 'expected a non-empty string, got a number (5)'),
    ]);
  });

  test('targets are required', async () => {
    const fixture = await project(withConfig("  location: 'eu-west'"));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'targets', "missing required key 'targets'", "targets: { production: 'https://shop.example.com' }"),
    ]);
  });

  test('targets must be absolute http(s) URLs', async () => {
    const fixture = await project(
      withConfig("  targets: { production: 'https://shop.example.com', staging: 'staging.example.com', 'eu-mirror': 'ftp://mirror.example.com', local: 8080 },"),
    );
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'payloadwatch.config.ts',
        'targets.staging',
        "invalid target URL 'staging.example.com': expected an absolute http(s) URL",
        "e.g. 'https://staging.example.com'",
      ),
      error(
        'payloadwatch.config.ts',
        'targets["eu-mirror"]',
        "invalid target URL 'ftp://mirror.example.com': expected an absolute http(s) URL",
        "e.g. 'https://shop.example.com'",
      ),
      error('payloadwatch.config.ts', 'targets.local', 'expected an absolute http(s) URL, got a number (8080)'),
    ]);
  });

  test('defaultTarget must name a target', async () => {
    const fixture = await project(withConfig("  targets: { production: 'https://shop.example.com', staging: 'https://staging.example.com' },\n  defaultTarget: 'prodution',"));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'defaultTarget', "unknown target 'prodution'", "did you mean 'production'? known targets: production, staging"),
    ]);
  });

  test('durations must parse', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  defaults: { timeout: '10 seconds', runTimeout: -5 },`));
    const result = await fixture.load();
    const hint = "use milliseconds or a number with a unit: '250ms', '10s', '5m', '24h', '7d'";
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'defaults.timeout', "expected a duration, got a string ('10 seconds')", hint),
      error('payloadwatch.config.ts', 'defaults.runTimeout', 'expected a duration, got a number (-5)', hint),
    ]);
  });

  test('numbers must be in sane ranges', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  defaults: { retries: 11, concurrency: 0, maxBodyBytes: 0, maxRedirects: -1 },`));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'defaults.retries', 'expected an integer from 0 to 10, got a number (11)'),
      error('payloadwatch.config.ts', 'defaults.concurrency', 'expected an integer of at least 1, got a number (0)'),
      error('payloadwatch.config.ts', 'defaults.maxBodyBytes', 'expected an integer of at least 1, got a number (0)'),
      error('payloadwatch.config.ts', 'defaults.maxRedirects', 'expected an integer of at least 0, got a number (-1)'),
    ]);
  });

  test('reporters come from the known set', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  reporters: ['console', 'jsn', 'pdf'],`));
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'reporters[1]', "unknown reporter 'jsn'", "did you mean 'json'?"),
      error('payloadwatch.config.ts', 'reporters[2]', "unknown reporter 'pdf'", 'known reporters: console, json, junit, html, github'),
    ]);
  });

  test('personas need unique names and a function as setup', async () => {
    const fixture = await project(
      withConfig(`${TARGETS}
  personas: [
    { name: 'new-user', setup: async () => ({}) },
    { name: 'new-user', setup: 'login' },
    { description: 'no name' },
    { name: 'buyer', header: { 'x-tier': 'gold' } },
  ],`),
    );
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'personas[1].setup', "expected a function, got a string ('login')"),
      error('payloadwatch.config.ts', 'personas[1].name', "duplicate persona name 'new-user': already used by personas[0]", 'give each persona a unique name'),
      error('payloadwatch.config.ts', 'personas[2].name', "missing required key 'name'"),
      error('payloadwatch.config.ts', 'personas[3].header', "unknown key 'header'", "did you mean 'headers'?"),
    ]);
  });

  test('persona headers take strings, numbers, booleans or secrets', async () => {
    const fixture = await project({
      ...withConfig(''),
      'payloadwatch.config.ts': `import { defineConfig, secret } from 'payloadwatch';

export default defineConfig({
  targets: { production: 'https://shop.example.com' },
  personas: [{ name: 'buyer', headers: { authorization: secret('SHOP_TOKEN'), 'x-tier': { gold: true } as never } }],
});
`,
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'personas[0].headers["x-tier"]', "expected a string, number, boolean or secret('NAME'), got an object"),
    ]);
  });

  test('a config that is not an object says what it should be', async () => {
    const fixture = await project({ 'payloadwatch.config.ts': "export default ['https://shop.example.com'];\n", 'probes/items.probe.ts': validProbe('items') });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', '', 'expected a config object made with defineConfig({ … }), got an array'),
    ]);
  });

  test('probe globs that match nothing are a warning relative to the config folder', async () => {
    const fixture = await project({ 'payloadwatch.config.ts': withConfig(`${TARGETS}\n  probes: ['checks/*.check.ts'],`)['payloadwatch.config.ts']! });
    const result = await fixture.load();
    expect(result.project?.probes).toEqual([]);
    expect(result.diagnostics).toEqual([
      warning('payloadwatch.config.ts', 'probes', "no probe files match 'checks/*.check.ts'", 'the globs are relative to the folder of payloadwatch.config.ts'),
    ]);
  });

  test('an explicit schemas folder that does not exist is a warning', async () => {
    const fixture = await project(withConfig(`${TARGETS}\n  schemas: 'contracts',`));
    const result = await fixture.load();
    expect(result.project).toBeDefined();
    expect(result.diagnostics).toEqual([
      warning('payloadwatch.config.ts', 'schemas', "the schemas folder 'contracts' does not exist", "create it, or remove 'schemas' from the config"),
    ]);
  });
});
