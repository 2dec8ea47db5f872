// Actions of a page flow, in order: each becomes an `action` check; the first that cannot be
// done ends the flow, and the page is still judged as it stands.
import type { Page } from 'playwright-core';
import { formatMilliseconds, toMilliseconds } from '../../config/duration.ts';
import { isSecretRef } from '../../config/define.ts';
import type { PageAction, Templated, WaitState } from '../../model/definitions.ts';
import type { CheckResult } from '../../model/results.ts';
import { readSecret } from '../../personas/secrets.ts';
import type { Redactor } from '../../personas/redaction.ts';
import { fillTemplate, type Variables } from '../template.ts';
import { firstLine } from './browser-pool.ts';

export interface ActionContext {
  page: Page;
  variables: Variables;
  redactor: Redactor;
  step: string;
  /** The step's timeout, already capped by the run's deadline. */
  timeoutMs(): number;
}

export function actionName(action: PageAction): string {
  if ('click' in action) return `click ${action.click}`;
  if ('fill' in action) return `fill ${action.fill}`;
  if ('press' in action) return `press ${action.key} in ${action.press}`;
  return `wait for ${action.waitFor}${action.state && action.state !== 'visible' ? ` ${action.state}` : ''}`;
}

export async function runAction(action: PageAction, ctx: ActionContext): Promise<CheckResult> {
  const name = actionName(action);
  const selector = 'click' in action ? action.click : 'fill' in action ? action.fill : 'press' in action ? action.press : action.waitFor;
  const timeout = Math.max(1, Math.min(toMilliseconds(action.timeout) ?? Infinity, ctx.timeoutMs()));
  const base = { name, kind: 'action' as const, step: ctx.step, path: selector };
  // Several matches are normal on real pages (two "add to cart" buttons); the first is meant.
  const target = ctx.page.locator(selector).first();
  try {
    if ('click' in action) await target.click({ timeout });
    else if ('fill' in action) await target.fill(valueOf(action.value, ctx), { timeout });
    else if ('press' in action) await target.press(action.key, { timeout });
    else await target.waitFor({ state: action.state ?? 'visible', timeout });
    return { ...base, outcome: 'pass', message: '' };
  } catch (error) {
    if ((error as Error)?.name !== 'TimeoutError') {
      return { ...base, outcome: 'fail', message: `could not ${name}: ${firstLine(error)}` };
    }
    const within = formatMilliseconds(timeout);
    if ('waitFor' in action) {
      const state: WaitState = action.state ?? 'visible';
      return { ...base, outcome: 'fail', message: `${selector} did not become ${state} within ${within}`, expected: state, actual: await describeMatches(ctx.page, selector) };
    }
    const found = await describeMatches(ctx.page, selector);
    const reason = found === '(nothing)' ? 'nothing matched it' : `it matched ${found}, but it could not be used (hidden, disabled or covered)`;
    return { ...base, outcome: 'fail', message: `could not ${name} within ${within}: ${reason}`, expected: 'an element to act on', actual: found };
  }
}

function valueOf(value: Templated, ctx: ActionContext): string {
  if (isSecretRef(value)) return readSecret(value.$secret, ctx.redactor);
  return typeof value === 'string' ? fillTemplate(value, ctx.variables) : String(value);
}

async function describeMatches(page: Page, selector: string): Promise<string> {
  const count = await page.locator(selector).count().catch(() => 0);
  return count === 0 ? '(nothing)' : count === 1 ? '1 element' : `${count} elements`;
}
