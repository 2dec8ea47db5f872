// The shop's one stylesheet, inlined into every page: pages load nothing from anywhere else.

import type { PageFaultName } from './faults.ts';

const BASE = `
:root { --ink: #1d2330; --muted: #5d6677; --line: #e7e1d6; --paper: #faf7f2; --card: #fff; --accent: #0f6f66; --good: #15803d; --warn: #b45309; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
a { color: inherit; }
.bar, main { max-width: 1000px; margin: 0 auto; padding-left: 24px; padding-right: 24px; }
.site-header { background: var(--ink); color: #fff; }
.bar { display: flex; align-items: center; justify-content: space-between; height: 60px; }
.brand { font-weight: 700; font-size: 20px; text-decoration: none; }
.brand::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 10px; border-radius: 3px; background: #f4b942; }
.site-nav a { margin-left: 24px; text-decoration: none; opacity: .8; }
.site-nav a:hover { opacity: 1; }
main { padding-top: 32px; padding-bottom: 48px; min-height: 60vh; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 0 0 14px; }
.lede { color: var(--muted); margin: 0 0 24px; }
.product-grid, .rec-list, .search-results { list-style: none; margin: 0; padding: 0; display: grid; gap: 16px; }
.product-grid { grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); }
.product-card { display: flex; flex-direction: column; gap: 4px; height: 100%; padding: 14px; background: var(--card); border: 1px solid var(--line); border-radius: 14px; text-decoration: none; transition: box-shadow .15s, transform .15s; }
.product-card:hover { box-shadow: 0 8px 22px rgba(29, 35, 48, .08); transform: translateY(-2px); }
.product-art { display: grid; place-items: center; aspect-ratio: 4 / 3; margin-bottom: 8px; border-radius: 10px; font-weight: 700; font-size: 30px; color: rgba(255, 255, 255, .92); }
.art-audio { background: linear-gradient(135deg, #5b4bdb, #a394f9); }
.art-computing { background: linear-gradient(135deg, #0c7bb3, #5cc3ef); }
.art-home { background: linear-gradient(135deg, #d97706, #f7c35c); }
.art-kitchen { background: linear-gradient(135deg, #c2413b, #f08a7e); }
.art-outdoor { background: linear-gradient(135deg, #2f7d32, #86c98a); }
.art-books { background: linear-gradient(135deg, #0f6f66, #5fc4b8); }
.product-name { font-weight: 600; }
.product-price { font-weight: 700; color: var(--accent); }
.breadcrumb { font-size: 14px; color: var(--muted); margin: 0 0 16px; }
.breadcrumb a { text-decoration: none; }
.product { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 36px; padding: 24px; background: var(--card); border: 1px solid var(--line); border-radius: 18px; }
.product .product-art { margin: 0; font-size: 72px; }
.product-category { margin: 0 0 4px; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.rating { margin: 0 0 18px; color: var(--muted); }
.stars { color: #d69e2e; letter-spacing: 1px; }
.product .product-price { display: block; margin-bottom: 6px; font-size: 30px; }
.stock { margin: 0 0 22px; font-size: 14px; }
.in-stock { color: var(--good); }
.backorder { color: var(--warn); }
#add-to-cart { font: inherit; font-weight: 600; padding: 12px 30px; border: 0; border-radius: 999px; background: var(--accent); color: #fff; cursor: pointer; }
#add-to-cart:hover { filter: brightness(1.1); }
#add-to-cart:disabled { opacity: .6; cursor: progress; }
#cart-status { margin: 14px 0 0; font-weight: 600; }
#cart-status.ok { color: var(--good); }
#cart-status.error { color: var(--warn); }
#recommendations { margin-top: 44px; }
.rec-list { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 12px; }
.rec-card a { display: flex; flex-direction: column; gap: 2px; height: 100%; padding: 12px; background: var(--card); border: 1px solid var(--line); border-radius: 12px; text-decoration: none; font-size: 14px; }
.rec-card a::before { content: ""; height: 54px; margin-bottom: 8px; border-radius: 8px; background: linear-gradient(135deg, #e9e2d3, #f7f2e8); }
.rec-name { font-weight: 600; }
.rec-price { font-weight: 700; color: var(--accent); }
#search-form { display: flex; gap: 8px; max-width: 560px; margin: 8px 0 24px; }
#search-input { flex: 1; font: inherit; padding: 10px 16px; border: 1px solid #d5cdbf; border-radius: 999px; background: #fff; }
#search-input:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
#search-form button { font: inherit; font-weight: 600; padding: 10px 22px; border: 0; border-radius: 999px; background: var(--ink); color: #fff; cursor: pointer; }
.search-results { max-width: 640px; gap: 8px; }
.search-result a { display: flex; justify-content: space-between; gap: 16px; padding: 12px 16px; background: var(--card); border: 1px solid var(--line); border-radius: 12px; text-decoration: none; }
.result-name { font-weight: 600; }
.result-price { font-weight: 700; color: var(--accent); }
.no-results, .search-hint, .search-error { color: var(--muted); }
.not-found { padding: 48px 0; text-align: center; }
.site-footer { width: calc(100% - 48px); max-width: 952px; margin: 0 auto; padding: 20px 0 32px; border-top: 1px solid var(--line); font-size: 13px; color: var(--muted); }
@media (max-width: 640px) { .product { grid-template-columns: 1fr; } }
`;

export function pageStyles(faults: ReadonlySet<PageFaultName>): string {
  // `widget-hidden`: a rule left over from an experiment that hid the widget for its control
  // group, shipped to everyone. The cards are still rendered, only nobody can see them.
  return faults.has('widget-hidden') ? `${BASE}#recommendations { display: none; }\n` : BASE;
}
