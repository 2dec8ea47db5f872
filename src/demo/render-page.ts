// A page request, answered: the page's view, broken by the switched-on page faults, as HTML.

import { clientRenderedView } from './blank-page.ts';
import type { PageFaultName } from './faults.ts';
import type { PageContext, PageRoute } from './page.ts';
import { pageDocument } from './page-document.ts';
import { HTML_CONTENT_TYPE } from './respond.ts';
import type { Reply } from './respond.ts';

const NO_FAULTS: ReadonlySet<PageFaultName> = new Set();

export function renderPage(route: PageRoute, context: PageContext): Reply {
  const view = route.render(context);
  // Like payload faults, page faults leave error pages alone: a 404 stays a plain 404.
  const faults = view.status === 200 ? context.faults : NO_FAULTS;
  const shown = faults.has('blank-page') ? clientRenderedView(view) : view;
  return { status: view.status, contentType: HTML_CONTENT_TYPE, body: pageDocument(shown, faults) };
}
