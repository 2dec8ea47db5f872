import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { secret } from '../../src/config/define.ts';
import { BUILT_IN_DEFAULTS } from '../../src/config/project.ts';
import { createLogger, silentLogger } from '../../src/logging/logger.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import type { ApiStep } from '../../src/model/definitions.ts';
import type { CheckResult } from '../../src/model/results.ts';
import { REDACTED, Redactor } from '../../src/personas/redaction.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { runApiStep } from '../../src/steps/api/run-api-step.ts';
import type { StepContext } from '../../src/steps/step-context.ts';
import { measure } from '../../src/validate/measures.ts';
import { count, custom, equals, nonEmpty } from '../../src/validate/rules.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { refusingUrl, startTestServer, type TestServer } from '../support/http-server.ts';

const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas', import.meta.url));

let schemas: SchemaRegistry;
let shop: RunningShop;
let server: TestServer;

beforeAll(async () => {
  const loaded = await SchemaRegistry.load(SCHEMAS_DIR);
  expect(loaded.problems).toEqual([]);
  schemas = loaded.registry;
  shop = await startShop();
  server = await startTestServer((request, response) => {
    switch (new URL(request.url ?? '/', 'http://test').pathname) {
      case '/down':
        response.writeHead(503, { 'content-type': 'application/json' });
        return void response.end('{"error":"maintenance"}');
      case '/not-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end('{"items":[1,2');
      case '/text':
        response.writeHead(200, { 'content-type': 'text/plain' });
        return void response.end('hello');
      case '/big':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '2000' });
        return void response.end(`"${'x'.repeat(1998)}"`);
      case '/hang':
        return;
      case '/cart':
        response.writeHead(200, { 'content-type': 'application/vnd.shop+json' });
        return void response.end('{"id":"c-7","lines":[{"sku":"a","qty":2},{"sku":"b","qty":3}]}');
      default:
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"error":"no route"}');
    }
  });
});

afterAll(async () => {
  await shop.close();
  await server.close();
  await closeHttpClient();
});

function context(url: string, overrides: Partial<StepContext> = {}): StepContext {
  return {
    probe: 'step-test',
    persona: 'anonymous',
    target: { name: 'test', url },
    variables: {},
    headers: {},
    measures: {},
    traceId: '0af7651916cd43dd8448eb211c80319c',
    defaults: BUILT_IN_DEFAULTS,
    schemas,
    redactor: new Redactor(),
    signal: new AbortController().signal,
    remainingMs: () => 60_000,
    log: silentLogger(),
    ...overrides,
  };
}

function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
}

function summary(checks: CheckResult[]) {
  return checks.map((c) => [c.name, c.kind, c.outcome]);
}

describe('runApiStep against the demo shop', () => {
  it('passes a sound answer with its checks named and in order, and returns captures and measures', async () => {
    const step: ApiStep = {
      name: 'list products',
      api: { path: '/api/products', query: { limit: 3 } },
      expect: {
        status: 200,
        headers: { vary: 'accept-encoding' },
        schema: 'products.schema.json',
        rules: [nonEmpty('$.items'), count('$.items', { min: 3, max: 3 }), equals('$.total', 24, { name: 'whole catalogue' })],
      },
      capture: { productId: '$.items[0].id' },
      measures: { products: measure.count('$.items'), total: measure.value('$.total') },
    };
    const out = await runApiStep(step, context(shop.url));
    expect(summary(out.checks)).toEqual([
      ['status', 'status', 'pass'],
      ['header vary', 'header', 'pass'],
      ['content-type', 'header', 'pass'],
      ['json', 'json', 'pass'],
      ['schema products.schema.json', 'schema', 'pass'],
      ['nonEmpty $.items', 'rule', 'pass'],
      ['count $.items [3..3]', 'rule', 'pass'],
      ['whole catalogue', 'rule', 'pass'],
      ['capture productId', 'capture', 'pass'],
    ]);
    expect(out.checks.every((c) => c.step === 'list products' && c.message === '')).toBe(true);
    expect(out.step).toEqual({ name: 'list products', outcome: 'pass', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', status: 200 });
    expect(out.step.durationMs).toBeGreaterThan(0);
    expect(out.captured).toEqual({ productId: 'p-1001' });
    expect(out.measures).toEqual({ products: 3, total: 24 });
  });

  it('fills the path from the run variables and sends the run headers', async () => {
    const created = await fetch(`${shop.url}/api/users`, { method: 'POST', body: '{"name":"Step Test"}', headers: { 'content-type': 'application/json' } });
    const user = (await created.json()) as { id: string; token: string };
    const step: ApiStep = {
      name: 'recommendations',
      api: { path: '/api/{{what}}' },
      expect: { schema: 'recommendations.schema.json', rules: [equals('$.userId', '{{userId}}')] },
    };
    const out = await runApiStep(
      step,
      context(shop.url, { variables: { what: 'recommendations', userId: user.id }, headers: { authorization: `Bearer ${user.token}` } }),
    );
    expect(out.step.outcome).toBe('pass');
    expect(summary(out.checks).at(-1)).toEqual([`equals $.userId "{{userId}}"`, 'rule', 'pass']);
  });

  it('fails the json check of a truncated JSON body, and runs no schema or rule checks', async () => {
    shop.setFaults(['truncated-json']);
    try {
      const out = await runApiStep(
        { name: 'products', api: { path: '/api/products' }, expect: { schema: 'products.schema.json', rules: [nonEmpty('$.items')] } },
        context(shop.url),
      );
      expect(summary(out.checks)).toEqual([
        ['status', 'status', 'pass'],
        ['content-type', 'header', 'pass'],
        ['json', 'json', 'fail'],
      ]);
      expect(out.checks[2]!.message).toMatch(/^the body is not valid JSON \(.+\); \d+ bytes, ending ".+"$/);
      expect(out.checks[2]!.expected).toBe('valid JSON');
      // Not JSON, so kept as the text that came.
      expect(out.step).toEqual({
        name: 'products',
        outcome: 'fail',
        durationMs: expect.any(Number),
        method: 'GET',
        serverAddress: '127.0.0.1',
        status: 200,
        excerpt: expect.stringMatching(/^\{"items":\[\{"id":"p-1001","name":"Aurora Wireless Headphones",/),
      });
      expect(() => JSON.parse(out.step.excerpt!)).toThrow(SyntaxError);
      expect(out.captured).toEqual({});
      expect(out.measures).toEqual({});
    } finally {
      shop.setFaults([]);
    }
  });

  it('fails the content-type of an HTML page served with 200, and judges nothing further', async () => {
    shop.setFaults(['html-200']);
    try {
      const out = await runApiStep({ name: 'products', api: { path: '/api/products' }, expect: { schema: 'products.schema.json' } }, context(shop.url));
      expect(summary(out.checks)).toEqual([
        ['status', 'status', 'pass'],
        ['content-type', 'header', 'fail'],
      ]);
      const typeCheck = out.checks[1]!;
      expect(typeCheck.expected).toBe('application/json');
      expect(typeCheck.actual).toBe('text/html; charset=utf-8');
      expect(typeCheck.message.startsWith("expected content-type application/json, got text/html; charset=utf-8: <!doctype html> <html lang=\"en\"> <head><meta charset=\"utf-8\"><title>We'll be right back</title>")).toBe(true);
      expect(out.step.outcome).toBe('fail');
    } finally {
      shop.setFaults([]);
    }
  });

  it('fails the schema check of a payload with the wrong types', async () => {
    shop.setFaults(['wrong-types']);
    try {
      const out = await runApiStep({ name: 'products', api: { path: '/api/products', query: { limit: 2 } }, expect: { schema: 'products.schema.json' } }, context(shop.url));
      const schemaCheck = out.checks.find((c) => c.kind === 'schema')!;
      expect(schemaCheck.outcome).toBe('fail');
      expect(schemaCheck.name).toBe('schema products.schema.json');
      expect(schemaCheck.path).toBe('$.items[0].price');
      expect(out.step.outcome).toBe('fail');
    } finally {
      shop.setFaults([]);
    }
  });
});

describe('runApiStep against a test server', () => {
  it('fails the status and skips the content-type of an unexpected status', async () => {
    const out = await runApiStep(
      { name: 'health', api: { path: '/down' }, expect: { status: 200, schema: { type: 'object' }, rules: [nonEmpty('$.items')] }, capture: { x: '$.x' } },
      context(server.url),
    );
    expect(out.checks).toEqual([
      {
        name: 'status',
        kind: 'status',
        outcome: 'fail',
        step: 'health',
        message: 'expected status 200, got 503: {"error":"maintenance"}',
        expected: '200',
        actual: '503',
      },
      { name: 'content-type', kind: 'header', outcome: 'skip', step: 'health', message: 'skipped: unexpected status' },
    ]);
    // The error page is JSON: pretty-printed for the reports, though the step never read it.
    expect(out.step).toEqual({
      name: 'health',
      outcome: 'fail',
      durationMs: expect.any(Number),
      method: 'GET',
      serverAddress: '127.0.0.1',
      status: 503,
      excerpt: '{\n  "error": "maintenance"\n}',
    });
    expect(out.captured).toEqual({});
  });

  it('fails the json check of a body that is not JSON, with what it saw', async () => {
    const out = await runApiStep({ name: 'broken', api: { path: '/not-json' }, expect: { rules: [nonEmpty('$.items')] } }, context(server.url));
    expect(out.checks.map((c) => c.name)).toEqual(['status', 'content-type', 'json']);
    expect(out.checks[2]).toEqual({
      name: 'json',
      kind: 'json',
      outcome: 'fail',
      step: 'broken',
      message: `the body is not valid JSON (${jsonParseMessage('{"items":[1,2')}); 13 bytes, ending "{\\"items\\":[1,2"`,
      expected: 'valid JSON',
      actual: '"{\\"items\\":[1,2"',
    });
  });

  it('checks only the status when nothing reads the body', async () => {
    const out = await runApiStep({ name: 'text', api: { path: '/text' } }, context(server.url));
    expect(summary(out.checks)).toEqual([['status', 'status', 'pass']]);
    expect(out.step.outcome).toBe('pass');
  });

  it('accepts a +json media type, and fails a capture that selects nothing', async () => {
    const out = await runApiStep(
      {
        name: 'cart',
        api: { path: '/cart' },
        capture: { cartId: '$.id', coupon: '$.coupon' },
        measures: { units: measure.sum('$.lines[*].qty'), missing: measure.value('$.nothing') },
      },
      context(server.url),
    );
    expect(summary(out.checks)).toEqual([
      ['status', 'status', 'pass'],
      ['content-type', 'header', 'pass'],
      ['json', 'json', 'pass'],
      ['capture cartId', 'capture', 'pass'],
      ['capture coupon', 'capture', 'fail'],
    ]);
    expect(out.checks[4]).toMatchObject({ message: '$.coupon selected nothing to capture as {{coupon}}', path: '$.coupon', expected: 'a value', actual: '(nothing)' });
    expect(out.captured).toEqual({ cartId: 'c-7' });
    expect(out.measures).toEqual({ units: 5 });
    expect(out.step.outcome).toBe('fail');
  });

  it.each<[string, Partial<ApiStep>]>([
    ['a capture', { capture: { cartId: '$.id' } }],
    ['a measure', { measures: { lines: measure.count('$.lines') } }],
    ['a JSON content type', { expect: { contentType: 'application/vnd.shop+json' } }],
  ])('reads the body as JSON for %s alone', async (_what, extra) => {
    const out = await runApiStep({ name: 'cart', api: { path: '/cart' }, ...extra }, context(server.url));
    expect(out.checks.slice(0, 3).map((c) => [c.name, c.outcome])).toEqual([
      ['status', 'pass'],
      ['content-type', 'pass'],
      ['json', 'pass'],
    ]);
  });

  it('turns a body over the limit into a failed size check', async () => {
    const out = await runApiStep({ name: 'big', api: { path: '/big', maxBodyBytes: 1000 }, expect: { schema: { type: 'string' } } }, context(server.url));
    expect(out.checks).toEqual([
      {
        name: 'body size',
        kind: 'size',
        outcome: 'fail',
        step: 'big',
        message: 'body of 2000 bytes (content-length) exceeds the 1000-byte limit',
        expected: '≤ 1000 bytes',
        actual: 'more',
      },
    ]);
    expect(out.step).toEqual({ name: 'big', outcome: 'fail', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', status: 200 });
  });

  it('uses the default body limit when the step sets none', async () => {
    const out = await runApiStep({ name: 'big', api: { path: '/big' } }, context(server.url, { defaults: { ...BUILT_IN_DEFAULTS, maxBodyBytes: 1500 } }));
    expect(out.checks[0]).toMatchObject({ kind: 'size', message: 'body of 2000 bytes (content-length) exceeds the 1500-byte limit', expected: '≤ 1500 bytes' });
  });

  it('turns a timeout into an errored transport check', async () => {
    const out = await runApiStep({ name: 'hang', api: { path: '/hang', timeout: '300ms' }, expect: { schema: { type: 'object' } } }, context(server.url));
    const message = `no complete response within 300ms (GET ${server.url}/hang)`;
    expect(out.checks).toEqual([{ name: 'timeout', kind: 'transport', outcome: 'error', step: 'hang', message }]);
    expect(out.step).toEqual({ name: 'hang', outcome: 'error', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', error: message });
    expect(out.step.durationMs).toBeLessThan(5_000);
  });

  it("never waits past the run's remaining time", async () => {
    const out = await runApiStep({ name: 'hang', api: { path: '/hang' } }, context(server.url, { remainingMs: () => 200 }));
    expect(out.checks[0]!.message).toBe(`no complete response within 200ms (GET ${server.url}/hang)`);
    expect(out.step.durationMs).toBeLessThan(5_000);
  });

  it('reports an aborted run as an aborted transport error', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run deadline of 1s passed')), 50);
    const out = await runApiStep({ name: 'hang', api: { path: '/hang' } }, context(server.url, { signal: controller.signal }));
    expect(out.checks).toEqual([{ name: 'aborted', kind: 'transport', outcome: 'error', step: 'hang', message: 'request aborted: run deadline of 1s passed' }]);
  });

  it('reports a refused connection as an errored transport check whose URL secrets redact', async () => {
    vi.stubEnv('PW_TEST_STEP_KEY', 'step key (secret)');
    try {
      const url = await refusingUrl();
      const redactor = new Redactor();
      const out = await runApiStep({ name: 'down', api: { path: '/x', query: { key: secret('PW_TEST_STEP_KEY') } } }, context(url, { redactor }));
      expect(out.checks).toHaveLength(1);
      expect(out.checks[0]).toMatchObject({ name: 'connection', kind: 'transport', outcome: 'error' });
      expect(out.checks[0]!.message).toContain('ECONNREFUSED');
      expect(redactor.text(out.checks[0]!.message)).toBe(`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${new URL(url).port} (GET ${url}/x?key=${REDACTED})`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('logs each request at debug level with secrets and sensitive headers redacted', async () => {
    vi.stubEnv('PW_TEST_LOG_KEY', 'log-key-98765');
    try {
      const lines: string[] = [];
      const destination = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString('utf8'));
          callback();
        },
      });
      const redactor = new Redactor();
      const out = await runApiStep(
        { name: 'text', api: { path: '/text', query: { key: secret('PW_TEST_LOG_KEY') } } },
        context(server.url, { redactor, headers: { authorization: 'Bearer persona-token-1' }, log: createLogger({ level: 'debug', destination }) }),
      );
      expect(out.step.outcome).toBe('pass');
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]!) as Record<string, unknown> & { headers: Record<string, string> };
      expect(entry).toMatchObject({ msg: 'request', step: 'text', method: 'GET', url: `${server.url}/text?key=${REDACTED}`, status: 200, bytes: 5 });
      expect(entry.headers['authorization']).toBe(REDACTED);
      expect(entry.headers['x-payloadwatch-probe']).toBe('step-test');
      expect(lines[0]).not.toContain('log-key-98765');
      expect(lines[0]).not.toContain('persona-token-1');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('turns an unknown variable into a setup error without sending anything', async () => {
    const before = server.requests.length;
    const out = await runApiStep({ name: 'cart', api: { path: '/carts/{{cartId}}' } }, context(server.url, { variables: { userId: 'u-1' } }));
    expect(out.checks).toEqual([{ name: 'request', kind: 'setup', outcome: 'error', step: 'cart', message: "no variable 'cartId'; available: userId" }]);
    expect(out.step).toEqual({ name: 'cart', outcome: 'error', durationMs: 0, error: "no variable 'cartId'; available: userId" });
    expect(server.requests.length).toBe(before);
  });

  it('lets a custom rule see the status, headers and earlier measures', async () => {
    const seen: unknown[] = [];
    const out = await runApiStep(
      {
        name: 'cart',
        api: { path: '/cart' },
        expect: {
          rules: [
            custom('context', (ctx) => {
              seen.push(ctx.status, ctx.headers?.['content-type'], ctx.measures);
              return true;
            }),
          ],
        },
        measures: { lines: measure.count('$.lines') },
      },
      context(server.url, { measures: { earlier: 7 } }),
    );
    expect(out.step.outcome).toBe('pass');
    expect(seen).toEqual([200, 'application/vnd.shop+json', { earlier: 7, lines: 2 }]);
    expect(out.measures).toEqual({ lines: 2 });
  });
});
