// Problems a page shows without being asked: uncaught exceptions, console errors and failed
// subresources each become one check whose outcome the step's policy decides.
import type { PageIssuePolicy, PageIssueSeverity } from '../../model/definitions.ts';
import type { CheckKind, CheckResult } from '../../model/results.ts';
import { plural } from '../../text/plural.ts';

export interface IssueKind {
  name: string;
  kind: CheckKind;
  /** Singular: `uncaught exception`. */
  noun: string;
  fallback: PageIssueSeverity;
}

export const PAGE_ERRORS: IssueKind = { name: 'page errors', kind: 'page-error', noun: 'uncaught exception', fallback: 'fail' };
export const CONSOLE_ERRORS: IssueKind = { name: 'console errors', kind: 'console', noun: 'console error', fallback: 'warn' };
export const FAILED_REQUESTS: IssueKind = { name: 'failed requests', kind: 'network', noun: 'failed request', fallback: 'warn' };

const LISTED = 3;

/** One check for a kind of problem; none at all when the policy is `ignore`. */
export function issueCheck(issue: IssueKind, entries: readonly string[], policy: PageIssuePolicy | undefined, step: string): CheckResult | undefined {
  const severity = (typeof policy === 'string' ? policy : policy?.severity) ?? issue.fallback;
  if (severity === 'ignore') return undefined;
  const ignore = typeof policy === 'object' ? (policy.ignore ?? []) : [];
  const counted = entries.filter((entry) => !ignore.some((pattern) => (typeof pattern === 'string' ? entry.includes(pattern) : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(entry))));
  if (counted.length === 0) return { name: issue.name, kind: issue.kind, outcome: 'pass', step, message: '' };
  const more = counted.length > LISTED ? `; and ${counted.length - LISTED} more` : '';
  return {
    name: issue.name,
    kind: issue.kind,
    outcome: severity,
    step,
    message: `${plural(counted.length, issue.noun)}: ${counted.slice(0, LISTED).join('; ')}${more}`,
    expected: 'none',
    actual: String(counted.length),
  };
}
