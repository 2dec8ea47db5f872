// The report's stylesheet and script, inlined so the file works offline and alone. The
// script reads only data-* attributes of the page; no payload text is ever placed in it.
import { createHash } from 'node:crypto';

export const STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --warn: #bc4c00; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.meta, .muted { color: var(--muted); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.verdict { font-size: 16px; font-weight: 600; margin: 6px 0; }
.verdict.ok { color: var(--pass); } .verdict.bad { color: var(--fail); }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.count { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 92px; background: var(--bg); }
.count b { display: block; font-size: 20px; }
.count.fail b { color: var(--fail); } .count.error b { color: var(--error); } .count.pass b { color: var(--pass); } .count.flaky b, .count.warn b { color: var(--warn); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); font-weight: 600; }
.matrix { width: auto; min-width: 50%; }
.matrix td, .matrix th { white-space: nowrap; padding-right: 24px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; text-decoration: none; margin: 1px 2px 1px 0; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.warn, .badge.flaky { background: #fff; color: var(--warn); border: 1px solid var(--warn); }
.badge.skip { background: #fff; color: var(--muted); border: 1px solid var(--line); }
.filters { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid var(--line); padding: 10px 0; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.filters button { font: inherit; border: 1px solid var(--line); background: var(--bg); border-radius: 6px; padding: 3px 10px; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #1f2328; color: #fff; border-color: #1f2328; }
.filters select { font: inherit; padding: 2px 4px; }
#shown { margin-left: auto; color: var(--muted); }
.run { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; scroll-margin-top: 70px; }
.run > details > summary { cursor: pointer; padding: 8px 12px; list-style: revert; }
.run.fail { border-left: 4px solid var(--fail); } .run.error { border-left: 4px solid var(--error); } .run.pass { border-left: 4px solid var(--pass); }
.run .name { font-weight: 600; }
.run .body { padding: 0 12px 12px; }
.run .error-text { color: var(--error); font-weight: 600; }
.checks td.what { min-width: 220px; }
.checks .msg { color: var(--muted); }
.checks tr.fail td:first-child { box-shadow: inset 3px 0 var(--fail); }
.checks tr.error td:first-child { box-shadow: inset 3px 0 var(--error); }
.checks tr.warn td:first-child { box-shadow: inset 3px 0 var(--warn); }
.value { white-space: pre-wrap; word-break: break-word; }
pre.excerpt { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 6px 0; overflow: auto; max-height: 480px; margin: 6px 0; }
pre.excerpt .l { display: block; padding: 0 10px 0 0; white-space: pre; scroll-margin-top: 90px; }
pre.excerpt .n { display: inline-block; width: 4.5em; padding-right: 10px; text-align: right; color: var(--muted); user-select: none; }
pre.excerpt .l.hit { background: #ffebe9; box-shadow: inset 3px 0 var(--fail); }
pre.excerpt .l.hit.warn { background: #fff8c5; box-shadow: inset 3px 0 var(--warn); }
pre.excerpt .l.cut { color: var(--muted); font-style: italic; }
.artifacts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.artifacts figure { margin: 0; max-width: 520px; }
.artifacts img { max-width: 100%; max-height: 560px; border: 1px solid var(--line); border-radius: 6px; display: block; }
.artifacts figcaption { font-size: 12px; color: var(--muted); }
.empty { padding: 20px; text-align: center; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 20px; }
`;

export const SCRIPT = `
(function () {
  var runs = Array.prototype.slice.call(document.querySelectorAll('article.run'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('[data-filter-outcome]'));
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var shown = document.getElementById('shown');
  var none = document.getElementById('no-match');
  var outcome = 'all';
  function outcomeMatches(data) {
    if (outcome === 'all') return true;
    if (outcome === 'flaky') return data.flaky === 'true';
    if (outcome === 'warn') return data.warn === 'true';
    return data.outcome === outcome;
  }
  function apply() {
    var count = 0;
    runs.forEach(function (run) {
      var visible = outcomeMatches(run.dataset) && selects.every(function (select) {
        return select.value === '' || run.dataset[select.getAttribute('data-filter')] === select.value;
      });
      run.hidden = !visible;
      if (visible) count += 1;
    });
    shown.textContent = count + ' of ' + runs.length + ' runs shown';
    none.hidden = count !== 0;
  }
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      outcome = button.getAttribute('data-filter-outcome');
      buttons.forEach(function (other) { other.setAttribute('aria-pressed', String(other === button)); });
      apply();
    });
  });
  selects.forEach(function (select) { select.addEventListener('change', apply); });
  // A link to a run or a line opens the run it is in, even if a filter hid it.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) return;
    var target = document.getElementById(link.getAttribute('href').slice(1));
    var run = target && target.closest('article.run');
    if (!run) return;
    run.hidden = false;
    var details = run.querySelector('details');
    if (details) details.open = true;
  });
  apply();
})();
`;

/** A CSP source for inline content, so nothing but these exact blocks can run or style the page. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}
