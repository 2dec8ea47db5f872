// The script every page loads first, in <head>: error reporting, price formatting, product
// links, and list-view analytics. Page scripts build on its `shop` helpers.

import type { PageFaultName } from './faults.ts';

export function commonScript(faults: ReadonlySet<PageFaultName>): string {
  // `js-error`: one character off in the analytics loop reads one item past the end of the
  // list, after the list is on screen: "Cannot read properties of undefined (reading 'price')".
  // It runs for every page view, an empty list included, so every page shows the fault.
  const lastIndex = faults.has('js-error') ? 'i <= items.length' : 'i < items.length';
  return `
addEventListener('error', (event) => console.error('[shop] uncaught error: ' + event.message));
addEventListener('unhandledrejection', (event) => console.error('[shop] unhandled rejection: ' + event.reason));
window.dataLayer = window.dataLayer || [];
addEventListener('shop:list-rendered', (event) => {
  const { list, items } = event.detail;
  let value = 0;
  for (let i = 0; ${lastIndex}; i += 1) value += items[i].price;
  dataLayer.push({ event: 'view_item_list', list, count: items.length, value });
});
window.shop = {
  euro: (amount) => '€' + amount.toFixed(2),
  text(tag, className, content) {
    const element = document.createElement(tag);
    element.className = className;
    element.textContent = content;
    return element;
  },
  productItem(itemClass, prefix, item) {
    const entry = document.createElement('li');
    entry.className = itemClass;
    entry.dataset.productId = item.id;
    const link = document.createElement('a');
    link.href = '/products/' + encodeURIComponent(item.id);
    link.append(shop.text('span', prefix + '-name', item.name), ' ', shop.text('span', prefix + '-price', shop.euro(item.price)));
    entry.append(link);
    return entry;
  },
  listRendered(list, items) {
    dispatchEvent(new CustomEvent('shop:list-rendered', { detail: { list, items } }));
  },
};
`;
}
