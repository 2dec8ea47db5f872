import { afterEach, describe, expect, it, vi } from 'vitest';
import { secret } from '../../src/config/define.ts';
import { REDACTED, Redactor } from '../../src/personas/redaction.ts';
import { readSecret, resolveSecretRefs, resolveSecretsDeep, SecretMissingError } from '../../src/personas/secrets.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('readSecret', () => {
  it('returns the value and registers it with the redactor', () => {
    const redactor = new Redactor();
    expect(readSecret('SHOP_PASSWORD', redactor, { SHOP_PASSWORD: 'hunter2-long' })).toBe('hunter2-long');
    expect(redactor.text('pw=hunter2-long')).toBe(`pw=${REDACTED}`);
  });

  it('reads the process environment by default', () => {
    vi.stubEnv('PW_TEST_SECRET_DEFAULT', 'from-the-env');
    expect(readSecret('PW_TEST_SECRET_DEFAULT', new Redactor())).toBe('from-the-env');
  });

  it.each([
    ['missing', {}],
    ['empty', { SHOP_PASSWORD: '' }],
  ])('throws SecretMissingError for a %s variable, registering nothing', (_case, env) => {
    const redactor = new Redactor();
    let thrown: unknown;
    try {
      readSecret('SHOP_PASSWORD', redactor, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SecretMissingError);
    const error = thrown as SecretMissingError;
    expect(error.name).toBe('SecretMissingError');
    expect(error.variable).toBe('SHOP_PASSWORD');
    expect(error.message).toBe('secret SHOP_PASSWORD is not set: export the environment variable SHOP_PASSWORD before running');
    expect(redactor.size).toBe(0);
  });
});

describe('resolveSecretRefs', () => {
  it('keeps strings, writes numbers and booleans as strings, and reads secret references', () => {
    vi.stubEnv('PW_TEST_API_KEY', 'key-abcdef');
    const redactor = new Redactor();
    expect(resolveSecretRefs({ plain: 'x', n: 3, yes: true, key: secret('PW_TEST_API_KEY') }, redactor)).toEqual({
      plain: 'x',
      n: '3',
      yes: 'true',
      key: 'key-abcdef',
    });
    expect(redactor.text('key-abcdef')).toBe(REDACTED);
    expect(redactor.size).toBe(1);
  });

  it('gives an empty record for no values', () => {
    expect(resolveSecretRefs(undefined, new Redactor())).toEqual({});
  });

  it('throws for a reference whose variable is not set', () => {
    vi.stubEnv('PW_TEST_NOT_SET', '');
    expect(() => resolveSecretRefs({ a: 'fine', b: secret('PW_TEST_NOT_SET') }, new Redactor())).toThrow(
      new SecretMissingError('PW_TEST_NOT_SET'),
    );
  });
});

describe('resolveSecretsDeep', () => {
  it('reads references at any depth and leaves everything else as it is', () => {
    vi.stubEnv('PW_TEST_DEEP', 'deep-secret');
    const redactor = new Redactor();
    expect(resolveSecretsDeep({ a: [1, { b: secret('PW_TEST_DEEP') }], c: null, d: '{{x}}' }, redactor)).toEqual({
      a: [1, { b: 'deep-secret' }],
      c: null,
      d: '{{x}}',
    });
    expect(resolveSecretsDeep(secret('PW_TEST_DEEP'), redactor)).toBe('deep-secret');
    expect(redactor.text('deep-secret')).toBe(REDACTED);
  });
});
