// A measure's recent values as a small inline SVG: no script, no external asset. Zeros get
// a red dot of their own, because an empty answer is what the page is there to show.
import { escapeHtml } from './html.ts';

const WIDTH = 168;
const HEIGHT = 36;
const PAD = 4;

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(+n.toPrecision(4));
}

/** `values` oldest first. */
export function sparkline(name: string, values: readonly number[]): string {
  const label = values.length
    ? `${name}: last ${formatNumber(values.at(-1)!)}, min ${formatNumber(Math.min(...values))}, max ${formatNumber(Math.max(...values))} over ${values.length} runs`
    : `${name}: no values yet`;
  const low = Math.min(0, ...values);
  const high = Math.max(1, ...values);
  const x = (i: number) => (values.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => HEIGHT - PAD - ((v - low) * (HEIGHT - 2 * PAD)) / (high - low);
  const points = values.map((v, i) => `${round(x(i))},${round(y(v))}`).join(' ');
  const zeros = values
    .map((v, i) => (v === 0 ? `<circle class="zero" cx="${round(x(i))}" cy="${round(y(v))}" r="2.5"/>` : ''))
    .join('');
  const last = values.length ? `<circle class="last" cx="${round(x(values.length - 1))}" cy="${round(y(values.at(-1)!))}" r="2.5"/>` : '';
  return (
    `<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>` +
    `<line class="axis" x1="${PAD}" y1="${round(y(0))}" x2="${WIDTH - PAD}" y2="${round(y(0))}"/>` +
    (values.length > 1 ? `<polyline points="${points}"/>` : '') +
    last +
    zeros +
    `</svg>`
  );
}
