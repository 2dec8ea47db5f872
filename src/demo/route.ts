// What a route is, and how a request finds one.

import type { IncomingMessage } from 'node:http';
import type { ShopStore } from './store.ts';

/** Which payload a route answers with: payload faults need to know where its products are. */
export const PAYLOAD_KINDS = ['plain', 'product', 'products', 'search', 'recommendations', 'orders', 'cart', 'order'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

export interface RouteContext {
  readonly request: IncomingMessage;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly store: ShopStore;
  /** One clock reading per request, so every timestamp in a payload agrees. */
  readonly now: Date;
}

export interface RouteResult {
  status: number;
  kind: PayloadKind;
  body: unknown;
}

/** What matching needs of a route: API routes and pages share one path syntax. */
export interface RoutePattern {
  readonly method: string;
  /** Segments starting with `:` are parameters, e.g. `/api/products/:id`. */
  readonly path: string;
}

export interface Route extends RoutePattern {
  readonly method: 'GET' | 'POST';
  /** Catalogue and commerce routes show faults; health and account routes never do. */
  faultable: boolean;
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

export type RouteMatch<R extends RoutePattern = Route> =
  | { found: 'route'; route: R; params: Record<string, string> }
  | { found: 'other-methods'; allowed: readonly string[] }
  | { found: 'nothing' };

export function matchRoute<R extends RoutePattern>(routes: readonly R[], method: string, pathname: string): RouteMatch<R> {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === method) return { found: 'route', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { found: 'other-methods', allowed } : { found: 'nothing' };
}

function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  // Trailing slashes never matter, on either side; the home page's pattern `/` becomes the empty root.
  const expected = pattern.replace(/\/+$/, '').split('/');
  const actual = pathname.replace(/\/+$/, '').split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] as string;
    if (segment.startsWith(':')) {
      if (value === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}
