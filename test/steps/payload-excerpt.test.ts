import { describe, expect, it } from 'vitest';
import { EXCERPT_TRUNCATED_MARK } from '../../src/model/results.ts';
import { REDACTED, Redactor } from '../../src/personas/redaction.ts';
import { EXCERPT_MAX_CHARS, payloadExcerpt } from '../../src/steps/api/payload-excerpt.ts';

const none = new Redactor();

describe('payloadExcerpt', () => {
  it('pretty-prints a JSON body with a 2-space indent', () => {
    const value = { items: [{ id: 'p-1', price: 0 }], total: 1 };
    expect(payloadExcerpt(Buffer.from(JSON.stringify(value)), { value }, none)).toBe('{\n  "items": [\n    {\n      "id": "p-1",\n      "price": 0\n    }\n  ],\n  "total": 1\n}');
  });

  it('keeps a body that is not JSON as the text it is', () => {
    expect(payloadExcerpt(Buffer.from('<!DOCTYPE html><h1>Oops</h1>\n'), undefined, none)).toBe('<!DOCTYPE html><h1>Oops</h1>\n');
    expect(payloadExcerpt(Buffer.from('{"items":[1,2'), undefined, none)).toBe('{"items":[1,2');
  });

  it('keeps nothing of an empty or binary body', () => {
    expect(payloadExcerpt(Buffer.alloc(0), undefined, none)).toBeUndefined();
    expect(payloadExcerpt(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), undefined, none)).toBeUndefined();
  });

  it('cuts a long JSON body at a line end within the limit, and says how much is shown', () => {
    const value = { items: Array.from({ length: 400 }, (_, i) => ({ id: `p-${i}`, name: `product number ${i}` })) };
    const full = JSON.stringify(value, null, 2);
    const excerpt = payloadExcerpt(Buffer.from(JSON.stringify(value)), { value }, none)!;
    const [kept, marker] = [excerpt.slice(0, excerpt.lastIndexOf('\n')), excerpt.slice(excerpt.lastIndexOf('\n') + 1)];
    expect(kept.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(kept.length).toBeGreaterThan(EXCERPT_MAX_CHARS - 100);
    expect(full.startsWith(`${kept}\n`)).toBe(true);
    expect(marker).toBe(`${EXCERPT_TRUNCATED_MARK} ${kept.length} of ${full.length} characters shown`);
  });

  it('cuts one over-long line at the limit, never inside a surrogate pair', () => {
    // `{\n  "text": "` is 13 characters: the emoji's first half is the last character the limit allows.
    const value = { text: `${'a'.repeat(EXCERPT_MAX_CHARS - 14)}😀${'b'.repeat(100)}` };
    const excerpt = payloadExcerpt(Buffer.from(JSON.stringify(value)), { value }, none)!;
    const kept = excerpt.slice(0, excerpt.lastIndexOf('\n'));
    expect(kept.length).toBe(EXCERPT_MAX_CHARS - 1);
    expect(kept.endsWith('a')).toBe(true);
  });

  it('cuts a long text body and names the body size in bytes', () => {
    const body = Buffer.from('x'.repeat(100_000));
    const excerpt = payloadExcerpt(body, undefined, none)!;
    expect(excerpt).toBe(`${'x'.repeat(EXCERPT_MAX_CHARS)}\n${EXCERPT_TRUNCATED_MARK} ${EXCERPT_MAX_CHARS} characters of a 100000-byte body shown`);
  });

  it('redacts known secrets before cutting, so a cut cannot leave half a secret', () => {
    const redactor = new Redactor();
    const secret = 'sk-live-0123456789abcdef';
    redactor.add(secret);
    // One long line, the secret straddling the limit: cut first, its first half would show.
    const value = { text: `${'p'.repeat(EXCERPT_MAX_CHARS - 30)}${secret}${'q'.repeat(100)}` };
    const excerpt = payloadExcerpt(Buffer.from(JSON.stringify(value)), { value }, redactor)!;
    expect(excerpt).not.toContain('sk-');
    expect(excerpt).toContain(`${'p'.repeat(20)}${REDACTED}qqq`);
  });
});
