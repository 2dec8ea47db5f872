// What a page is: a GET route answered with HTML, rendered on the server, with inline scripts
// that call the shop's own API as the signed-in visitor.

import type { PageFaultName } from './faults.ts';
import type { RoutePattern } from './route.ts';

export interface PageContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Switched-on page faults; a page hands them to the scripts they break. */
  readonly faults: ReadonlySet<PageFaultName>;
}

export interface PageView {
  readonly status: number;
  /** Put before the shop's name in the `<title>`. */
  readonly title: string;
  /** The HTML inside `<main id="main">`. */
  readonly main: string;
  /** Inline scripts, run in order after the main content has been parsed. */
  readonly scripts: readonly string[];
}

export interface PageRoute extends RoutePattern {
  readonly method: 'GET';
  render(context: PageContext): PageView;
}

export function isPageRoute(route: object): route is PageRoute {
  return 'render' in route;
}
