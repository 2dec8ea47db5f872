// DOM checks judged from element facts: one check per DomCheck, kind `dom`, the selector as
// its path. A selector that matches nothing fails every check but a count: a check must
// never pass because it could not find what it was meant to judge.
import type { DomCheck } from '../../model/definitions.ts';
import type { CheckOutcome, CheckResult } from '../../model/results.ts';
import { countBoundsText, countWithinBounds } from '../../validate/bounds.ts';
import { domCheckName, expectedText, regexText, type DomCheckOf } from '../../validate/dom.ts';
import { formatValue, VALUE_IN_MESSAGE_MAX } from '../../validate/format-value.ts';
import type { ElementsFacts, InspectWant } from './inspect-elements.ts';

type Finding = { pass: true } | { pass: false; message: string; expected?: string; actual?: string };

const PASS: Finding = { pass: true };
const NOTHING = '(nothing)';

/** What to gather in the page for a check. */
export function factsWanted(check: DomCheck): InspectWant {
  switch (check.dom) {
    case 'count':
      return {};
    case 'text':
      return { text: true };
    case 'visible':
      return { visibility: true };
    case 'notContains':
      return { find: check.text !== undefined ? { text: check.text } : { pattern: check.pattern!, ...(check.flags ? { flags: check.flags } : {}) } };
    case 'attribute':
      return { attribute: check.attribute };
  }
}

export function judgeDom(check: DomCheck, facts: ElementsFacts, step: string): CheckResult {
  const finding = find(check, facts);
  return toCheck(check, step, finding.pass ? 'pass' : check.severity === 'warn' ? 'warn' : 'fail', finding.pass ? '' : finding.message, finding);
}

/** A check whose selector could not be used at all (a syntax error): it could not be judged. */
export function domCheckError(check: DomCheck, step: string, reason: string): CheckResult {
  return toCheck(check, step, 'error', `${check.selector}: ${reason}`, PASS);
}

function toCheck(check: DomCheck, step: string, outcome: CheckOutcome, message: string, finding: Finding): CheckResult {
  const result: CheckResult = { name: domCheckName(check), kind: 'dom', outcome, step, message, path: check.selector };
  if (!finding.pass) {
    if (finding.expected !== undefined) result.expected = finding.expected;
    if (finding.actual !== undefined) result.actual = finding.actual;
  }
  return result;
}

function find(check: DomCheck, facts: ElementsFacts): Finding {
  if (check.dom === 'count') return judgeCount(check, facts.count);
  if (facts.count === 0) return { pass: false, message: `${check.selector} matched nothing`, expected: expectation(check), actual: NOTHING };
  switch (check.dom) {
    case 'text':
      return judgeText(check, facts);
    case 'visible':
      return judgeVisible(check, facts);
    case 'notContains':
      return judgeNotContains(check, facts);
    case 'attribute':
      return judgeAttribute(check, facts);
  }
}

function judgeCount(check: DomCheckOf<'count'>, found: number): Finding {
  const bounds = { rule: 'count' as const, path: '', ...check };
  if (countWithinBounds(found, bounds)) return PASS;
  const wanted = countBoundsText(bounds);
  const single = check.min === check.max ? check.min : check.max === undefined ? check.min : check.min === undefined ? check.max : undefined;
  const noun = single === 1 ? 'element' : 'elements';
  return { pass: false, message: `expected ${wanted} ${noun} matching ${check.selector}, found ${found}`, expected: wanted, actual: String(found) };
}

function judgeText(check: DomCheckOf<'text'>, facts: ElementsFacts): Finding {
  const empty = facts.elements.filter((element) => !element.text);
  if (empty.length > 0) {
    const where = facts.count === 1 ? `${check.selector} has no text` : `${empty.length} of ${judged(facts)} elements matching ${check.selector} have no text`;
    return { pass: false, message: where, expected: expectation(check), actual: '""' };
  }
  if (check.equals === undefined && check.pattern === undefined) return PASS;
  const wanted = check.equals !== undefined ? normalise(check.equals) : undefined;
  const regex = check.pattern !== undefined ? new RegExp(check.pattern, (check.flags ?? '').replace(/[gy]/g, '')) : undefined;
  const index = facts.elements.findIndex((element) => (wanted !== undefined ? element.text !== wanted : !regex!.test(element.text ?? '')));
  if (index < 0) return PASS;
  const text = facts.elements[index]!.text ?? '';
  const shown = expectation(check);
  const wantedWords = wanted !== undefined ? shown : `to match ${shown}`;
  return { pass: false, message: `${which(check.selector, index, facts)} reads ${quote(text)}, expected ${wantedWords}`, expected: shown, actual: quote(text) };
}

function judgeVisible(check: DomCheckOf<'visible'>, facts: ElementsFacts): Finding {
  const hidden = facts.elements.filter((element) => element.hidden);
  if (hidden.length === 0) return PASS;
  const reason = hidden[0]!.hidden!;
  const message =
    facts.count === 1
      ? `${check.selector} is not visible: ${reason}`
      : `${hidden.length} of ${judged(facts)} elements matching ${check.selector} are not visible (the first: ${reason})`;
  return { pass: false, message, expected: 'visible', actual: reason };
}

function judgeNotContains(check: DomCheckOf<'notContains'>, facts: ElementsFacts): Finding {
  const index = facts.elements.findIndex((element) => element.found);
  if (index < 0) return PASS;
  const unwanted = check.text !== undefined ? quote(check.text) : regexText(check);
  const excerpt = facts.elements[index]!.found!;
  return {
    pass: false,
    message: `${which(check.selector, index, facts)} contains ${unwanted}: ${quote(excerpt)}`,
    expected: `no ${unwanted}`,
    actual: quote(excerpt),
  };
}

function judgeAttribute(check: DomCheckOf<'attribute'>, facts: ElementsFacts): Finding {
  const regex = check.pattern !== undefined ? new RegExp(check.pattern, (check.flags ?? '').replace(/[gy]/g, '')) : undefined;
  const matches = (value: string) => (check.equals !== undefined ? value === check.equals : regex === undefined || regex.test(value));
  const index = facts.elements.findIndex((element) => element.attribute === null || element.attribute === undefined || !matches(element.attribute));
  if (index < 0) return PASS;
  const value = facts.elements[index]!.attribute;
  const shown = expectation(check);
  if (value === null || value === undefined) {
    return { pass: false, message: `${which(check.selector, index, facts)} has no ${check.attribute} attribute`, expected: shown, actual: '(missing)' };
  }
  return {
    pass: false,
    message: `${which(check.selector, index, facts)} has ${check.attribute}=${quote(value)}, expected ${check.equals !== undefined ? shown : `to match ${shown}`}`,
    expected: shown,
    actual: quote(value),
  };
}

function expectation(check: DomCheck): string {
  switch (check.dom) {
    case 'count':
      return countBoundsText({ rule: 'count', path: '', ...check });
    case 'text':
      return expectedText(check) || 'non-empty text';
    case 'visible':
      return 'visible';
    case 'notContains':
      return `no ${check.text !== undefined ? quote(check.text) : regexText(check)}`;
    case 'attribute':
      return expectedText(check) || `a ${check.attribute} attribute`;
  }
}

/** `h1`, or `element 2 of 5 matching .rec-card` when the selector matched several. */
function which(selector: string, index: number, facts: ElementsFacts): string {
  return facts.count === 1 ? selector : `element ${index + 1} of ${facts.count} matching ${selector}`;
}

/** How many elements were judged: all of them, or the first ones of a long list. */
function judged(facts: ElementsFacts): string {
  return facts.elements.length === facts.count ? String(facts.count) : `the first ${facts.elements.length} of ${facts.count}`;
}

function quote(text: string): string {
  return formatValue(text, VALUE_IN_MESSAGE_MAX);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
