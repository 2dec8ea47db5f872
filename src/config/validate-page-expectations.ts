// `expect` of a page step: the document's status and latency, DOM checks, the page's own API
// responses (judged like API steps), rules over measures, and how page problems count.
import {
  HTTP_METHODS,
  PAGE_ISSUE_SEVERITIES,
  type PageExpectations,
  type PageIssuePolicy,
  type PageResponse,
} from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import { quote } from './describe-value.ts';
import type { ProbeCheckContext } from './probe-context.ts';
import { captures } from './validate-api-step.ts';
import { validateDomCheck } from './validate-dom-check.ts';
import { statusExpectation, validateExpectations } from './validate-expectations.ts';
import { validateMeasures } from './validate-measure.ts';
import { validateRule } from './validate-rule.ts';

export const PAGE_EXPECT_KEYS = keysOf<PageExpectations>()(
  'status',
  'latency',
  'dom',
  'responses',
  'rules',
  'pageErrors',
  'console',
  'failedRequests',
  'blank',
);

export const PAGE_RESPONSE_KEYS = keysOf<PageResponse>()('url', 'method', 'name', 'expect', 'measures', 'capture');

const ISSUE_POLICY_KEYS = keysOf<Exclude<PageIssuePolicy, string>>()('severity', 'ignore');

const RESPONSE_EXAMPLE = "e.g. responses: [{ url: '/api/recommendations', expect: { schema: 'recommendations.schema.json' } }]";
const URL_HINT = "a path on the target such as '/api/recommendations', a full URL glob, or a RegExp";

/** Rules of a page step judge measures; the ones that judge a payload belong to a response. */
const PAGE_RULE_KINDS = ['agree', 'custom'];

export function validatePageExpectations(value: unknown, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const expect = check.shape(value, path, PAGE_EXPECT_KEYS);
  if (!expect) return false;
  const results = [
    check.field(expect, path, 'status', statusExpectation(check)),
    check.field(expect, path, 'latency', check.duration),
    check.field(expect, path, 'dom', check.arrayOf((item, itemPath) => validateDomCheck(item, itemPath, check))),
    check.field(expect, path, 'responses', check.arrayOf((item, itemPath) => validateResponse(item, itemPath, context))),
    check.field(expect, path, 'rules', check.arrayOf((rule, rulePath) => pageRule(rule, rulePath, context))),
    check.field(expect, path, 'pageErrors', issuePolicy(check)),
    check.field(expect, path, 'console', issuePolicy(check)),
    check.field(expect, path, 'failedRequests', issuePolicy(check)),
    check.field(expect, path, 'blank', check.oneOf(PAGE_ISSUE_SEVERITIES, 'severity', 'known severities')),
  ];
  return results.every(Boolean);
}

function validateResponse(value: unknown, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const response = check.shape(value, path, PAGE_RESPONSE_KEYS, `a response such as { url: '/api/items' }`);
  if (!response) return false;
  const results = [
    check.field(response, path, 'url', urlPattern(check), { required: true, hint: RESPONSE_EXAMPLE }),
    check.field(response, path, 'method', check.oneOf(HTTP_METHODS, 'HTTP method', 'HTTP methods')),
    check.field(response, path, 'name', check.nonEmptyString),
    check.field(response, path, 'expect', (expect, expectPath) => validateExpectations(expect, expectPath, context)),
    check.field(response, path, 'measures', (measures, measuresPath) => validateMeasures(measures, measuresPath, check)),
    check.field(response, path, 'capture', captures(check)),
  ];
  return results.every(Boolean);
}

function urlPattern(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (value instanceof RegExp) return true;
    if (typeof value !== 'string' || value.trim() === '') return check.typeError(path, 'a URL pattern', value, URL_HINT);
    if (value.startsWith('/') || /^[a-z][\w+.-]*:\/\//i.test(value) || value.startsWith('**')) return true;
    return check.error(path, `URL pattern ${quote(value)} is neither a path nor a full URL`, `start it with '/', e.g. '/${value}'`);
  };
}

function pageRule(value: unknown, path: string, context: ProbeCheckContext): boolean {
  if (!validateRule(value, path, context)) return false;
  const kind = (value as { rule: string }).rule;
  if (PAGE_RULE_KINDS.includes(kind)) return true;
  return context.check.error(
    path,
    `${kind} judges a JSON payload, and a page step has none of its own`,
    'put it in the rules of one of expect.responses, or compare measures with agree(…) or custom(…)',
  );
}

function issuePolicy(check: ShapeChecker): ValueCheck {
  const severity = check.oneOf(PAGE_ISSUE_SEVERITIES, 'severity', 'known severities');
  const ignoreEntry: ValueCheck = (value, path) =>
    (typeof value === 'string' && value !== '') || value instanceof RegExp || check.typeError(path, 'a non-empty string or a RegExp', value);
  return (value, path) => {
    if (typeof value === 'string') return severity(value, path);
    if (!isPlainObject(value)) {
      return check.typeError(path, `${PAGE_ISSUE_SEVERITIES.map((s) => `'${s}'`).join(', ')} or { severity, ignore }`, value, "e.g. console: { severity: 'fail', ignore: [/analytics/] }");
    }
    check.knownKeys(value, path, ISSUE_POLICY_KEYS);
    return [check.field(value, path, 'severity', severity), check.field(value, path, 'ignore', check.arrayOf(ignoreEntry))].every(Boolean);
  };
}
