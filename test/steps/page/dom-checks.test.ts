// Each DOM check kind passing and failing on a real page, with the exact words a report shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomCheck } from '../../../src/model/definitions.ts';
import type { CheckResult } from '../../../src/model/results.ts';
import { dom } from '../../../src/validate/dom.ts';
import { html, runSteps, startPages, useBrowser, visit } from './page-fixtures.ts';

const browser = useBrowser();

const PAGE = html(`
<h1 class="title">  Aurora   Headphones </h1>
<p id="empty"></p>
<ul class="cards"><li class="card">One</li><li class="card">Two</li><li class="card"></li></ul>
<section id="gone" style="display:none"><p class="inside">hidden text</p></section>
<p id="ghost" style="visibility:hidden">ghost</p>
<p id="clear" style="opacity:0">clear</p>
<div id="flat" style="width:50px;height:0;overflow:hidden"></div>
<p id="away" style="position:absolute;left:-5000px">away</p>
<p id="status">No recommendations for you</p>
<img class="pic" src="/images/a.png" alt="a"><img class="pic" src="https://cdn.example.com/b.png" alt="b"><img class="pic" alt="c">
`);

let server: Awaited<ReturnType<typeof startPages>>;
beforeAll(async () => {
  server = await startPages({ '/': PAGE });
});
afterAll(() => server.close());

async function judge(...checks: DomCheck[]): Promise<CheckResult[]> {
  const result = await runSteps([visit('/', { expect: { dom: checks, pageErrors: 'ignore', console: 'ignore', failedRequests: 'ignore', blank: 'ignore' } })], server, browser);
  return result.checks.filter((check) => check.kind === 'dom');
}

function failure(check: CheckResult): Pick<CheckResult, 'name' | 'outcome' | 'message' | 'path' | 'expected' | 'actual'> {
  const { name, outcome, message, path, expected, actual } = check;
  return { name, outcome, message, path, expected, actual };
}

describe('dom.count', () => {
  it('passes within bounds and names the bounds', async () => {
    const [atLeast, between] = await judge(dom.count('.card', { min: 1 }), dom.count('.card', { min: 3, max: 3 }));
    expect(atLeast).toMatchObject({ name: 'count .card [1..]', kind: 'dom', outcome: 'pass', message: '', path: '.card', step: 'visit /' });
    expect(between).toMatchObject({ name: 'count .card [3..3]', outcome: 'pass' });
  });

  it('fails with what was expected and what was found', async () => {
    const [none, tooMany, exact] = await judge(
      dom.count('.rec-card', { min: 1 }),
      dom.count('.card', { max: 2 }),
      dom.count('.card', { min: 1, max: 1 }, { name: 'one card' }),
    );
    expect(failure(none!)).toEqual({
      name: 'count .rec-card [1..]',
      outcome: 'fail',
      message: 'expected at least 1 element matching .rec-card, found 0',
      path: '.rec-card',
      expected: 'at least 1',
      actual: '0',
    });
    expect(tooMany!.message).toBe('expected at most 2 elements matching .card, found 3');
    expect(failure(exact!)).toMatchObject({ name: 'one card', message: 'expected exactly 1 element matching .card, found 3', expected: 'exactly 1', actual: '3' });
  });
});

describe('dom.text', () => {
  it('passes on text, on an equal text (whitespace collapsed) and on a matching pattern', async () => {
    const checks = await judge(dom.text('h1'), dom.text('h1', 'Aurora Headphones'), dom.text('.title', /aurora/i));
    expect(checks.map((c) => [c.name, c.outcome])).toEqual([
      ['text h1', 'pass'],
      ['text h1 "Aurora Headphones"', 'pass'],
      ['text .title /aurora/i', 'pass'],
    ]);
  });

  it('fails on an element without text, on empty ones among several, and on nothing matched', async () => {
    const [empty, some, nothing] = await judge(dom.text('#empty'), dom.text('.card'), dom.text('.missing'));
    expect(failure(empty!)).toEqual({ name: 'text #empty', outcome: 'fail', message: '#empty has no text', path: '#empty', expected: 'non-empty text', actual: '""' });
    expect(some!.message).toBe('1 of 3 elements matching .card have no text');
    expect(failure(nothing!)).toEqual({
      name: 'text .missing',
      outcome: 'fail',
      message: '.missing matched nothing',
      path: '.missing',
      expected: 'non-empty text',
      actual: '(nothing)',
    });
  });

  it('fails on a different text and on a pattern that does not match', async () => {
    const [equal, pattern] = await judge(dom.text('h1', 'Aurora Speakers'), dom.text('#status', /^Recommended/));
    expect(failure(equal!)).toEqual({
      name: 'text h1 "Aurora Speakers"',
      outcome: 'fail',
      message: 'h1 reads "Aurora Headphones", expected "Aurora Speakers"',
      path: 'h1',
      expected: '"Aurora Speakers"',
      actual: '"Aurora Headphones"',
    });
    expect(pattern!.message).toBe('#status reads "No recommendations for you", expected to match /^Recommended/');
  });
});

describe('dom.visible', () => {
  it('passes on a visible element', async () => {
    const [check] = await judge(dom.visible('h1'));
    expect(check).toMatchObject({ name: 'visible h1', outcome: 'pass', message: '' });
  });

  it.each([
    ['#gone', '#gone is not visible: display: none'],
    ['.inside', '.inside is not visible: display: none on section#gone'],
    ['#ghost', '#ghost is not visible: visibility: hidden'],
    ['#clear', '#clear is not visible: opacity: 0'],
    ['#flat', '#flat is not visible: zero size (50×0)'],
    ['#away', '#away is not visible: outside the page'],
  ])('fails on %s, saying why', async (selector, message) => {
    const [check] = await judge(dom.visible(selector));
    expect(check).toMatchObject({ outcome: 'fail', message, path: selector, expected: 'visible' });
  });

  it('counts the hidden ones among several, and fails on nothing matched', async () => {
    const [several, nothing] = await judge(dom.visible('h1, #ghost, #clear'), dom.visible('#recommendations'));
    expect(several!.message).toBe('2 of 3 elements matching h1, #ghost, #clear are not visible (the first: visibility: hidden)');
    expect(nothing).toMatchObject({ outcome: 'fail', message: '#recommendations matched nothing', expected: 'visible', actual: '(nothing)' });
  });
});

describe('dom.notContains', () => {
  it('passes when the text is absent', async () => {
    const [check] = await judge(dom.notContains('h1', 'No recommendations'));
    expect(check).toMatchObject({ name: 'notContains h1 "No recommendations"', outcome: 'pass' });
  });

  it('fails with the visible text around the match, for a string and for a RegExp', async () => {
    const [text, regex] = await judge(dom.notContains('main', 'No recommendations'), dom.notContains('#status', /no rec\w+/i));
    // Hidden text is not what a shopper reads, so it is not searched: 'hidden text' and 'ghost' are left out.
    expect(failure(text!)).toEqual({
      name: 'notContains main "No recommendations"',
      outcome: 'fail',
      message: 'main contains "No recommendations": "Aurora Headphones One Two clear away No recommendations for you"',
      path: 'main',
      expected: 'no "No recommendations"',
      actual: '"Aurora Headphones One Two clear away No recommendations for you"',
    });
    expect(regex!.message).toBe('#status contains /no rec\\w+/i: "No recommendations for you"');
  });
});

describe('dom.attribute', () => {
  it('passes when every element has the attribute, equal or matching', async () => {
    const checks = await judge(dom.attribute('h1', 'class'), dom.attribute('h1', 'class', 'title'), dom.attribute('.pic', 'alt', /^[abc]$/));
    expect(checks.map((c) => [c.name, c.outcome])).toEqual([
      ['attribute h1 class', 'pass'],
      ['attribute h1 class "title"', 'pass'],
      ['attribute .pic alt /^[abc]$/', 'pass'],
    ]);
  });

  it('fails on a value that does not match, and on an element without the attribute', async () => {
    const [mismatch, missing] = await judge(dom.attribute('.pic', 'src', /^\/images\//), dom.attribute('.pic[alt=c]', 'src'));
    expect(failure(mismatch!)).toEqual({
      name: 'attribute .pic src /^\\/images\\//',
      outcome: 'fail',
      message: 'element 2 of 3 matching .pic has src="https://cdn.example.com/b.png", expected to match /^\\/images\\//',
      path: '.pic',
      expected: '/^\\/images\\//',
      actual: '"https://cdn.example.com/b.png"',
    });
    expect(failure(missing!)).toMatchObject({ message: '.pic[alt=c] has no src attribute', expected: 'a src attribute', actual: '(missing)' });
  });
});

describe('every DOM check', () => {
  it('warns instead of failing with severity warn', async () => {
    const [check] = await judge(dom.count('.rec-card', { min: 1 }, { severity: 'warn' }));
    expect(check).toMatchObject({ outcome: 'warn', message: 'expected at least 1 element matching .rec-card, found 0' });
  });

  it('is an error, not a failure, when its selector is not valid', async () => {
    const [check] = await judge(dom.visible('li[class='));
    expect(check).toMatchObject({ outcome: 'error', path: 'li[class=' });
    expect(check!.message).toMatch(/^li\[class=: Unexpected token/);
  });
});
