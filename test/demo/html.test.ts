import { describe, expect, it } from 'vitest';
import { decimalPrice, escapeHtml, euroPrice, inlineJson } from '../../src/demo/html.ts';

describe('html helpers', () => {
  it('escapes text for element content and quoted attributes', () => {
    expect(escapeHtml(`Chef's "best" <knife> & board`)).toBe('Chef&#39;s &quot;best&quot; &lt;knife&gt; &amp; board');
    expect(escapeHtml('plain')).toBe('plain');
  });

  it('inlines JSON that cannot close its script element', () => {
    const text = inlineJson({ html: '</script><script>alert(1)</script>', n: 1 });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ html: '</script><script>alert(1)</script>', n: 1 });
  });

  it('writes prices from cents with two decimals', () => {
    expect(decimalPrice(12999)).toBe('129.99');
    expect(decimalPrice(5990)).toBe('59.90');
    expect(decimalPrice(4200)).toBe('42.00');
    expect(euroPrice(1699)).toBe('€16.99');
  });
});
