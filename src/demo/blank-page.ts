// The `blank-page` fault: the page's main content is rendered in the browser from data the
// server embeds, and the rendering script reads a key the data does not have. It throws
// before rendering anything ("Cannot read properties of undefined (reading 'html')"), so
// `#main` stays empty; the page's own scripts, which need that content, are never sent.

import { inlineJson } from './html.ts';
import type { PageView } from './page.ts';

export function clientRenderedView(view: PageView): PageView {
  const script = `
(() => {
  const page = ${inlineJson({ html: view.main })};
  document.getElementById('main').innerHTML = page.props.html;
})();
`;
  return { ...view, main: '', scripts: [script] };
}
