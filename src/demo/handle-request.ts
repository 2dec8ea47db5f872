// One request through the shop: find the route, let the switched-on faults break it, answer.
// Pages get the page faults, the API gets the API faults; a page meets API faults through the
// API calls its scripts make. When several API faults are on, the strongest wins: hang, then
// (after any slow delay) server-error, html-200, huge-body; payload faults and truncated-json
// combine on what is left.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { apiFaultsOf, pageFaultsOf, SLOW_DELAY_MS } from './faults.ts';
import type { ApiFaultName, FaultName } from './faults.ts';
import { HttpError } from './http-error.ts';
import { sendHugeBody } from './huge-body.ts';
import { applyPayloadFaults, type FaultReach } from './payload-faults.ts';
import { isPageRoute } from './page.ts';
import type { PageRoute } from './page.ts';
import { PAGE_ROUTES } from './page-routes.ts';
import { renderPage } from './render-page.ts';
import { jsonReply, send } from './respond.ts';
import type { Reply } from './respond.ts';
import { matchRoute } from './route.ts';
import type { Route, RouteContext } from './route.ts';
import { ROUTES } from './routes.ts';
import type { ShopStore } from './store.ts';
import { htmlErrorPageReply, serverErrorReply, truncateReply } from './transport-faults.ts';

export interface ShopState {
  readonly store: ShopStore;
  /** Read once per request, so switching faults never changes an answer half way. */
  faults(): ReadonlySet<FaultName>;
  /** Which users a fault switched on for a share of users reaches; default every user. */
  reaches?: FaultReach;
}

const NO_FAULTS: ReadonlySet<ApiFaultName> = new Set();
const ALL_ROUTES: ReadonlyArray<Route | PageRoute> = [...ROUTES, ...PAGE_ROUTES];

export async function handleRequest(request: IncomingMessage, response: ServerResponse, shop: ShopState): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://demo.shop');
  // HEAD is answered like GET; Node leaves the body out.
  const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
  const match = matchRoute(ALL_ROUTES, method, url.pathname);
  if (match.found === 'nothing') {
    return send(request, response, jsonReply(404, { error: `no route for ${request.method} ${url.pathname}` }));
  }
  if (match.found === 'other-methods') {
    const allow = match.allowed.join(', ');
    return send(request, response, jsonReply(405, { error: `${url.pathname} accepts ${allow}` }, { allow }));
  }

  if (isPageRoute(match.route)) {
    const context = { params: match.params, query: url.searchParams, faults: pageFaultsOf(shop.faults()) };
    return send(request, response, renderPage(match.route, context));
  }

  const faults = match.route.faultable ? apiFaultsOf(shop.faults()) : NO_FAULTS;
  // Accepted and never answered: the socket stays open until the client gives up or the shop closes.
  if (faults.has('hang')) return;

  // The response closes when the client goes away or the shop closes its connections:
  // either way, nobody is waiting for the rest any more.
  const abandoned = new AbortController();
  response.once('close', () => abandoned.abort());

  if (faults.has('slow')) {
    try {
      await delay(SLOW_DELAY_MS, undefined, { signal: abandoned.signal });
    } catch {
      return;
    }
  }
  const requestId = randomUUID();
  if (faults.has('server-error')) return send(request, response, serverErrorReply(requestId));
  if (faults.has('html-200')) return send(request, response, htmlErrorPageReply(requestId));
  if (faults.has('huge-body')) return sendHugeBody(request, response, abandoned.signal);

  const context: RouteContext = { request, params: match.params, query: url.searchParams, store: shop.store, now: new Date() };
  return send(request, response, await answer(match.route, context, faults, requestId, shop.reaches));
}

async function answer(
  route: Route,
  context: RouteContext,
  faults: ReadonlySet<ApiFaultName>,
  requestId: string,
  reaches: FaultReach | undefined,
): Promise<Reply> {
  let result;
  try {
    result = await route.handle(context);
  } catch (error) {
    if (error instanceof HttpError) return jsonReply(error.status, { error: error.message }, error.headers);
    // A real bug in the shop, not a fault: answer like a server would, with no details.
    return serverErrorReply(requestId);
  }
  const succeeded = result.status >= 200 && result.status < 300;
  const body = succeeded && faults.size > 0 ? applyPayloadFaults(result.kind, result.body, faults, reaches) : result.body;
  const reply = jsonReply(result.status, body);
  return succeeded && faults.has('truncated-json') ? truncateReply(reply) : reply;
}
