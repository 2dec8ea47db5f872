// The status page: one row per probe × persona × target with its outcome, the last
// outcomes as a strip, each measure as a small chart, and the last failure in words.
// Server-rendered, refreshed by a meta tag, no script and no external asset (the server
// sends a Content-Security-Policy that forbids both), and every text escaped.
import type { RunOutcome } from '../model/results.ts';
import { escapeHtml, shorten } from './html.ts';
import { formatNumber, sparkline } from './sparkline.ts';
import { OUTCOME_HISTORY, type ScheduleStatus } from './status-store.ts';

export interface PageInfo {
  version: string;
  targets: ReadonlyArray<{ name: string; url: string }>;
  location: string;
  startedAt: string;
  /** `starting`, `ready` or `stopping`. */
  state: string;
  refreshSeconds: number;
  now: Date;
}

const OUTCOME_WORDS: Record<RunOutcome, string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR' };

function clock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function ago(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

function badge(outcome: RunOutcome | undefined): string {
  return outcome ? `<span class="badge ${outcome}">${OUTCOME_WORDS[outcome]}</span>` : '<span class="badge none">NOT RUN YET</span>';
}

function strip(s: ScheduleStatus): string {
  const cells = s.recent
    .map((p) => `<span class="cell ${p.outcome}" title="${escapeHtml(`${clock(p.at)}: ${p.outcome}, ${p.durationMs} ms`)}"></span>`)
    .join('');
  const empty = '<span class="cell empty"></span>'.repeat(Math.max(0, OUTCOME_HISTORY - s.recent.length));
  return `<div class="strip" aria-label="last ${s.recent.length} outcomes, oldest first">${empty}${cells}</div>`;
}

function measures(s: ScheduleStatus): string {
  const names = Object.keys(s.measures);
  if (names.length === 0) return '<span class="muted">none</span>';
  const charts = names
    .map((name) => {
      const values = s.measures[name]!.map((p) => p.value);
      const last = values.at(-1);
      const lastText = last === undefined ? '–' : formatNumber(last);
      return `<figure class="measure"><figcaption><span>${escapeHtml(name)}</span> <strong class="${last === 0 ? 'zero' : ''}">${escapeHtml(lastText)}</strong></figcaption>${sparkline(name, values)}</figure>`;
    })
    .join('');
  return `<div class="charts">${charts}</div>`;
}

function row(s: ScheduleStatus, now: Date): string {
  const state = s.outcome ?? 'none';
  const counts = `${s.runs.pass} pass · ${s.runs.fail} fail · ${s.runs.error} error${s.skippedTicks ? ` · ${s.skippedTicks} skipped` : ''}`;
  const lastRun = s.lastRunAt
    ? `<time datetime="${escapeHtml(s.lastRunAt)}">${escapeHtml(clock(s.lastRunAt))}</time><div class="sub">${escapeHtml(ago(s.lastRunAt, now))} · ${escapeHtml(s.lastDurationMs)} ms${s.flaky ? ' · flaky' : ''}</div>`
    : '<span class="muted">–</span>';
  const main =
    `<tr class="schedule ${state}" data-probe="${escapeHtml(s.probe)}" data-persona="${escapeHtml(s.persona)}" data-target="${escapeHtml(s.target)}">` +
    `<td><strong>${escapeHtml(s.probe)}</strong><div class="sub"><code>${escapeHtml(s.schedule)}</code></div></td>` +
    `<td>${escapeHtml(s.persona)}<div class="sub">${escapeHtml(s.target)}</div></td>` +
    `<td>${badge(s.outcome)}</td>` +
    `<td>${strip(s)}<div class="sub">${escapeHtml(counts)}</div></td>` +
    `<td class="measures">${measures(s)}</td>` +
    `<td>${lastRun}</td>` +
    `</tr>`;
  if (!s.lastFailure) return main;
  const current = s.outcome !== undefined && s.outcome !== 'pass';
  const label = current ? 'Failing' : 'Last failure';
  const message = s.lastFailure.message;
  return (
    main +
    `<tr class="failure ${current ? 'current' : 'past'}" data-probe="${escapeHtml(s.probe)}" data-persona="${escapeHtml(s.persona)}">` +
    `<td colspan="6"><span class="label">${label}</span> <span class="when">${escapeHtml(clock(s.lastFailure.at))} (${escapeHtml(ago(s.lastFailure.at, now))}), ${escapeHtml(s.lastFailure.outcome)}:</span> ` +
    `<span class="message" title="${escapeHtml(message)}">${escapeHtml(shorten(message, 600))}</span></td></tr>`
  );
}

function summary(statuses: readonly ScheduleStatus[]): { text: string; failing: number } {
  const count = (o: RunOutcome | undefined) => statuses.filter((s) => s.outcome === o).length;
  const parts = [
    `<span class="badge pass">${count('pass')} pass</span>`,
    `<span class="badge fail">${count('fail')} fail</span>`,
    `<span class="badge error">${count('error')} error</span>`,
    `<span class="badge none">${count(undefined)} not run yet</span>`,
  ];
  return { text: parts.join(' '), failing: count('fail') + count('error') };
}

export function renderStatusPage(statuses: readonly ScheduleStatus[], info: PageInfo): string {
  const { text, failing } = summary(statuses);
  const title = failing ? `${failing} failing · payloadwatch` : 'all passing · payloadwatch';
  const targets = info.targets.map((t) => `${escapeHtml(t.name)} <span class="muted">(${escapeHtml(t.url)})</span>`).join(', ');
  const rows = statuses.length
    ? statuses.map((s) => row(s, info.now)).join('\n')
    : '<tr><td colspan="6" class="muted">No probe has a schedule. Give a probe a <code>schedule</code> (cron) to run it here.</td></tr>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${info.refreshSeconds}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>payloadwatch <span class="muted">status</span></h1>
<p class="meta">target ${targets} · location ${escapeHtml(info.location)} · ${statuses.length} schedules · ${escapeHtml(info.state)} · up since ${escapeHtml(clock(info.startedAt))} · v${escapeHtml(info.version)}</p>
<p class="summary">${text} <span class="muted">· refreshed ${escapeHtml(clock(info.now.toISOString()))}, every ${info.refreshSeconds} s</span></p>
</header>
<main>
<table>
<thead><tr><th>Probe</th><th>Persona</th><th>Now</th><th>Last ${OUTCOME_HISTORY} runs</th><th>Measures</th><th>Last run</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
<footer class="muted">JSON: <a href="api/status">/api/status</a> · metrics: <a href="metrics">/metrics</a> · health: <a href="healthz">/healthz</a>, <a href="readyz">/readyz</a></footer>
</body>
</html>
`;
}

const STYLE = `
:root{--pass:#15803d;--fail:#dc2626;--error:#d97706;--none:#9ca3af;--line:#e5e7eb;--muted:#6b7280;--bg:#fff;--fg:#111827;--row:#f9fafb}
*{box-sizing:border-box}
body{margin:0;padding:20px 24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:20px;margin:0 0 4px}
.meta,.summary{margin:4px 0}
.muted,.sub{color:var(--muted)}
.sub{font-size:12px;margin-top:2px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,"DejaVu Sans Mono",monospace}
table{border-collapse:collapse;width:100%;margin-top:14px}
th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line);padding:6px 10px}
td{padding:8px 10px;vertical-align:top;border-bottom:1px solid var(--line)}
tr.schedule.fail td:first-child{box-shadow:inset 4px 0 var(--fail)}
tr.schedule.error td:first-child{box-shadow:inset 4px 0 var(--error)}
tr.schedule.pass td:first-child{box-shadow:inset 4px 0 var(--pass)}
tr.schedule:has(+ tr.failure) td{border-bottom:none}
tr.failure td{padding-top:0;font-size:13px}
tr.failure.current td{color:#7f1d1d}
tr.failure.past td{color:var(--muted)}
tr.failure .label{font-weight:600;text-transform:uppercase;font-size:11px;letter-spacing:.04em}
tr.failure .message{font-family:ui-monospace,SFMono-Regular,Menlo,"DejaVu Sans Mono",monospace;font-size:12px;white-space:pre-wrap;word-break:break-word}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--none)}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.error{background:var(--error)}
.strip{display:flex;gap:2px}
.cell{display:inline-block;width:7px;height:18px;border-radius:2px;background:var(--line)}
.cell.pass{background:var(--pass)}.cell.fail{background:var(--fail)}.cell.error{background:var(--error)}
.charts{display:flex;flex-wrap:wrap;gap:8px}
figure.measure{margin:0}
figcaption{font-size:12px;color:var(--muted);display:flex;justify-content:space-between}
figcaption strong{color:var(--fg)}figcaption strong.zero{color:var(--fail)}
svg.spark{display:block;background:var(--row);border-radius:3px}
svg.spark polyline{fill:none;stroke:#2563eb;stroke-width:1.5}
svg.spark .axis{stroke:var(--line);stroke-width:1}
svg.spark .last{fill:#2563eb}
svg.spark .zero{fill:var(--fail)}
footer{margin-top:16px;font-size:12px}
a{color:#2563eb}
`;
