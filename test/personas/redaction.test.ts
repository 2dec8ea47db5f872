import { describe, expect, it } from 'vitest';
import { isSensitiveName, REDACTED, Redactor, SENSITIVE_HEADERS } from '../../src/personas/redaction.ts';

function redactorWith(...values: unknown[]): Redactor {
  const redactor = new Redactor();
  for (const value of values) redactor.add(value);
  return redactor;
}

describe('Redactor.text', () => {
  it('replaces every occurrence of a registered value', () => {
    const redactor = redactorWith('tok-31337');
    expect(redactor.text('Bearer tok-31337; again tok-31337.')).toBe(`Bearer ${REDACTED}; again ${REDACTED}.`);
    expect(redactor.text('nothing secret here')).toBe('nothing secret here');
  });

  it('redacts numbers by their text', () => {
    const redactor = redactorWith(4242424242);
    expect(redactor.text('card 4242424242 ok')).toBe(`card ${REDACTED} ok`);
  });

  it('ignores values shorter than 4 characters and values that are not strings or numbers', () => {
    const redactor = redactorWith('abc', 123, '', null, undefined, true, { token: 'object-value' }, ['array-value']);
    expect(redactor.size).toBe(0);
    expect(redactor.text('abc 123 true object-value array-value')).toBe('abc 123 true object-value array-value');
    redactor.add('abcd');
    expect(redactor.size).toBe(1);
    expect(redactor.text('abc abcd')).toBe(`abc ${REDACTED}`);
  });

  it('hides a value as JSON escapes it', () => {
    const secret = 'pa"ss\\word\n';
    const redactor = redactorWith(secret);
    const json = JSON.stringify({ password: secret });
    expect(json).toBe('{"password":"pa\\"ss\\\\word\\n"}');
    expect(redactor.text(json)).toBe(`{"password":"${REDACTED}"}`);
  });

  it('hides a value as a URL encodes it, in a path segment or a query', () => {
    const secret = 'p@ss word/1(x)!';
    const redactor = redactorWith(secret);
    expect(redactor.text(`/login/${encodeURIComponent(secret)}`)).toBe(`/login/${REDACTED}`);
    const url = new URL('https://h/x');
    url.searchParams.set('key', secret);
    expect(url.search).toBe('?key=p%40ss+word%2F1%28x%29%21');
    expect(redactor.text(url.toString())).toBe(`https://h/x?key=${REDACTED}`);
  });

  it('registers each form once', () => {
    expect(redactorWith('plain-token').size).toBe(1);
    expect(redactorWith('plain-token', 'plain-token').size).toBe(1);
    // raw, JSON-escaped, encodeURIComponent and form-encoded all differ
    expect(redactorWith('a "b" c').size).toBe(4);
  });

  it('hides the longest value first, so a secret containing another is hidden whole', () => {
    const redactor = redactorWith('abcd', 'abcd-efgh-ijkl');
    expect(redactor.text('x abcd-efgh-ijkl y abcd z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });
});

describe('Redactor.headers', () => {
  it('hides sensitive headers whole, whatever their case, and redacts registered values in the rest', () => {
    const redactor = redactorWith('tenant-secret-1');
    expect(
      redactor.headers({
        Authorization: 'Bearer not-registered',
        cookie: 'sid=1',
        'Set-Cookie': 'a=1',
        'X-Api-Key': 'k',
        'x-tenant': 'eu tenant-secret-1',
        accept: 'application/json',
      }),
    ).toEqual({
      Authorization: REDACTED,
      cookie: REDACTED,
      'Set-Cookie': REDACTED,
      'X-Api-Key': REDACTED,
      'x-tenant': `eu ${REDACTED}`,
      accept: 'application/json',
    });
  });

  it('knows the sensitive header names', () => {
    expect([...SENSITIVE_HEADERS].sort()).toEqual([
      'api-key',
      'authorization',
      'cookie',
      'proxy-authorization',
      'set-cookie',
      'x-api-key',
      'x-auth-token',
      'x-csrf-token',
    ]);
  });
});

describe('Redactor.deep', () => {
  it('copies a value with every string redacted at any depth, keys and other values untouched', () => {
    const redactor = redactorWith('s3cr3t-value');
    const input = {
      message: 'token s3cr3t-value expired',
      'key s3cr3t-value': 1,
      checks: [{ actual: 's3cr3t-value', count: 3, ok: true, none: null }],
      nested: { list: ['a', 's3cr3t-value'] },
    };
    const output = redactor.deep(input);
    expect(output).toEqual({
      message: `token ${REDACTED} expired`,
      'key s3cr3t-value': 1,
      checks: [{ actual: REDACTED, count: 3, ok: true, none: null }],
      nested: { list: ['a', REDACTED] },
    });
    expect(input.message).toBe('token s3cr3t-value expired');
    expect(output.checks).not.toBe(input.checks);
  });

  it('returns a lone string redacted and a non-string as is', () => {
    const redactor = redactorWith('s3cr3t-value');
    expect(redactor.deep('s3cr3t-value')).toBe(REDACTED);
    expect(redactor.deep(42)).toBe(42);
    expect(redactor.deep(undefined)).toBeUndefined();
  });
});

describe('isSensitiveName', () => {
  it.each([
    'authorization',
    'Authorization',
    'Cookie',
    'x-api-key',
    'X-CSRF-Token',
    'token',
    'accessToken',
    'client_secret',
    'password',
    'PASSWD',
    'apiKey',
    'api-key',
    'api_key',
    'sessionId',
    'credentials',
    'authHeader',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each(['userId', 'email', 'productId', 'cartTotal', 'orderId', 'name', 'x-request-id'])('%s is not', (name) => {
    expect(isSensitiveName(name)).toBe(false);
  });
});

describe('isSensitiveName, words that merely contain "auth"', () => {
  it('treats auth as a word, not a substring', () => {
    for (const name of ['auth', 'x-auth', 'auth_code', 'authHeader', 'userAuth']) expect(isSensitiveName(name), name).toBe(true);
    for (const name of ['author', 'authority', 'coauthor']) expect(isSensitiveName(name), name).toBe(false);
  });
});
