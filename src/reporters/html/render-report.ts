// The HTML report as one string: a summary, filters, and each run with its checks, the
// payload excerpt of each step that did not pass (the failing path's line highlighted), and
// its screenshots, traces and snapshots.
import { formatMilliseconds } from '../../config/duration.ts';
import { EXCERPT_TRUNCATED_MARK, type CheckResult, type Report, type RunResult, type StepResult } from '../../model/results.ts';
import { VERSION } from '../../version.ts';
import { plural } from '../../text/plural.ts';
import { cspHash, SCRIPT, STYLE } from './assets.ts';
import { lineOfPath, locateValues, type PathLine } from './json-lines.ts';
import { html, trusted, type Markup } from './markup.ts';

export type ArtifactKind = 'screenshot' | 'trace' | 'snapshot' | 'file';

export interface ArtifactView {
  /** As the run result names it. */
  path: string;
  /** URL relative to the report; `undefined` when the file is gone. */
  href: string | undefined;
  kind: ArtifactKind;
}

export interface RenderOptions {
  /** Per result (same order), its artifacts as the report links them; default: each path as a relative URL. */
  artifacts?: ReadonlyArray<readonly ArtifactView[]>;
}

export function artifactKind(path: string): ArtifactKind {
  const lower = path.toLowerCase();
  if (/\.(png|jpe?g|webp|gif)$/.test(lower)) return 'screenshot';
  if (lower.endsWith('.zip')) return 'trace';
  if (/\.html?$/.test(lower)) return 'snapshot';
  return 'file';
}

/** A relative file path as a relative URL: each segment percent-encoded, so no name can turn into a scheme or a query. */
export function relativeHref(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function renderHtmlReport(report: Report, options: RenderOptions = {}): string {
  const results = report.results;
  const artifacts = results.map(
    (r, i) => options.artifacts?.[i] ?? r.artifacts.map((path) => ({ path, href: relativeHref(path), kind: artifactKind(path) })),
  );
  const { passed, failed, errored, flaky } = report.summary;
  const warned = results.filter(hasWarnings).length;
  const wallMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const targets = unique(results.map((r) => `${r.target}\u0000${r.url}`)).map((key) => key.split('\u0000') as [string, string]);
  const bad = failed + errored;
  const title = bad ? `payloadwatch: ${[failed ? `${failed} failed` : '', errored ? `${errored} errored` : ''].filter(Boolean).join(', ')}` : 'payloadwatch: all passed';
  const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; img-src 'self' file: data:`;

  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="payloadwatch ${VERSION}">
<title>${title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header>
<h1>payloadwatch report</h1>
<p class="verdict ${bad ? 'bad' : 'ok'}" id="verdict">${title.replace('payloadwatch: ', '')}</p>
<p class="meta">${plural(results.length, 'run')} against ${targets.map(([name, url], i) => html`${i ? ', ' : ''}<b>${name}</b> (${url})`)} · started ${report.startedAt} · took ${formatMilliseconds(wallMs)}</p>
</header>
<main>
<section class="counts" aria-label="summary">
${count('runs', results.length, 'runs')}${count('pass', passed, 'passed')}${count('fail', failed, 'failed')}${count('error', errored, 'errored')}${count('flaky', flaky, 'flaky')}${count('warn', warned, 'with warnings')}
</section>
${overview(results)}
<h2>Runs</h2>
${filters(results)}
<div id="runs">
${results.map((r, i) => runArticle(r, i, artifacts[i] ?? []))}
<p class="empty" id="no-match" hidden>No run matches the filters.</p>
</div>
</main>
<footer>payloadwatch ${VERSION} · report version ${report.version} · finished ${report.finishedAt}</footer>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}

function count(kind: string, n: number, label: string): Markup {
  return html`<div class="count ${kind}" data-count="${kind}"><b>${n}</b>${label}</div>`;
}

/** One row per probe, one cell per persona, a badge per run: where failures cluster, at a glance. */
function overview(results: readonly RunResult[]): Markup {
  if (results.length === 0) return html`<p class="empty">No runs were planned.</p>`;
  const probes = unique(results.map((r) => r.probe));
  const personas = unique(results.map((r) => r.persona));
  const rows = probes.map((probe) => {
    const cells = personas.map((persona) => {
      const badges = results
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.probe === probe && r.persona === persona)
        .map(({ r, i }) => html`<a class="badge ${r.outcome}" href="#${runId(i)}" title="${r.probe} · ${r.persona} · ${r.target}: ${r.outcome}">${r.outcome}${r.flaky ? ' (flaky)' : ''}</a>`);
      return html`<td class="cells">${badges.length ? badges : html`<span class="muted">–</span>`}</td>`;
    });
    return html`<tr><th scope="row">${probe}</th>${cells}</tr>`;
  });
  return html`<h2>Overview</h2>
<table class="matrix" id="overview"><thead><tr><th>probe \\ persona</th>${personas.map((p) => html`<th>${p}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function filters(results: readonly RunResult[]): Markup {
  const outcomes: Array<[value: string, label: string, n: number]> = [
    ['all', 'all', results.length],
    ['pass', 'pass', results.filter((r) => r.outcome === 'pass').length],
    ['fail', 'fail', results.filter((r) => r.outcome === 'fail').length],
    ['error', 'error', results.filter((r) => r.outcome === 'error').length],
    ['flaky', 'flaky', results.filter((r) => r.flaky).length],
    ['warn', 'warnings', results.filter(hasWarnings).length],
  ];
  const select = (field: 'persona' | 'probe' | 'target', label: string, values: string[]) =>
    html`<label>${label} <select data-filter="${field}" id="filter-${field}"><option value="">all</option>${values.map((v) => html`<option value="${v}">${v}</option>`)}</select></label>`;
  const targets = unique(results.map((r) => r.target));
  return html`<div class="filters" role="group" aria-label="filters">
<span>Outcome: ${outcomes.map(([value, label, n]) => html`<button type="button" data-filter-outcome="${value}" aria-pressed="${String(value === 'all')}">${label} (${n})</button> `)}</span>
${select('persona', 'Persona', unique(results.map((r) => r.persona)))}
${select('probe', 'Probe', unique(results.map((r) => r.probe)))}
${targets.length > 1 ? select('target', 'Target', targets) : ''}
<span id="shown">${results.length} of ${results.length} runs shown</span>
</div>`;
}

function runId(index: number): string {
  return `run-${index + 1}`;
}

function runArticle(result: RunResult, index: number, artifacts: readonly ArtifactView[]): Markup {
  const id = runId(index);
  const notes = [formatMilliseconds(result.durationMs), plural(result.attempts, 'attempt'), ...(result.flaky ? ['flaky'] : [])];
  const problems = result.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error' || c.outcome === 'warn');
  const passedChecks = result.checks.filter((c) => c.outcome === 'pass');
  const skipped = result.checks.filter((c) => c.outcome === 'skip');
  const excerpts = excerptViews(result, index);
  const open = result.outcome !== 'pass' || hasWarnings(result);
  return html`<article class="run ${result.outcome}" id="${id}" data-outcome="${result.outcome}" data-probe="${result.probe}" data-persona="${result.persona}" data-target="${result.target}" data-flaky="${String(result.flaky)}" data-warn="${String(hasWarnings(result))}">
<details${open ? trusted(' open') : ''}>
<summary><span class="badge ${result.outcome}">${result.outcome}</span>${result.flaky ? html`<span class="badge flaky">flaky</span>` : ''}${hasWarnings(result) ? html`<span class="badge warn">warnings</span>` : ''} <span class="name">${result.probe}</span> · ${result.persona} · ${result.target} <span class="meta">${notes.join(' · ')}</span></summary>
<div class="body">
<p class="meta mono">${result.url} · started ${result.startedAt}</p>
${result.outcome === 'error' && result.error ? html`<p class="error-text">${result.error}</p>` : ''}
${problems.length ? checksTable(problems, excerpts) : ''}
${passedChecks.length ? html`<details class="passed"><summary>${plural(passedChecks.length, 'check')} passed${skipped.length ? `, ${skipped.length} skipped` : ''}</summary><ul>${passedChecks.map((c) => html`<li>${c.kind} <b>${c.name}</b> <span class="muted">in ${c.step}</span></li>`)}${skipped.map((c) => html`<li class="muted">skipped: ${c.kind} ${c.name} in ${c.step}${c.message ? ` (${c.message})` : ''}</li>`)}</ul></details>` : ''}
${steps(result.steps)}
${excerpts.map((e) => e.markup)}
${measures(result.measures)}
${artifacts.length ? artifactBlock(artifacts, result) : ''}
</div>
</details>
</article>
`;
}

function checksTable(checks: readonly CheckResult[], excerpts: readonly ExcerptView[]): Markup {
  const rows = checks.map((check) => {
    const where = excerpts.find((e) => e.step === check.step)?.lines.get(check);
    const path = check.path === undefined ? '' : where ? html`<a href="#${where.anchor}" title="${where.exact ? `line ${where.line} of the excerpt` : `not in the excerpt; nearest: ${where.foundAt}, line ${where.line}`}"><code>${check.path}</code></a>` : html`<code>${check.path}</code>`;
    return html`<tr class="${check.outcome}" data-check="${check.name}">
<td class="what"><span class="badge ${check.outcome}">${check.outcome}</span> <b>${check.name}</b><div class="msg">${check.message}</div></td>
<td>${check.kind}</td><td>${check.step}</td><td class="path">${path}</td><td class="value expected">${check.expected ?? ''}</td><td class="value actual">${check.actual ?? ''}</td>
</tr>`;
  });
  return html`<h3>Checks that did not pass</h3>
<table class="checks"><thead><tr><th>check</th><th>kind</th><th>step</th><th>path</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function steps(list: readonly StepResult[]): Markup {
  if (list.length === 0) return html``;
  return html`<h3>Steps</h3>
<table class="steps"><thead><tr><th>step</th><th>outcome</th><th>request</th><th>status</th><th>duration</th></tr></thead><tbody>${list.map(
    (s) =>
      html`<tr><td>${s.name}</td><td><span class="badge ${s.outcome}">${s.outcome}</span>${s.error ? html` <span class="muted">${s.error}</span>` : ''}</td><td class="mono">${[s.method, s.serverAddress].filter(Boolean).join(' ')}</td><td>${s.status ?? ''}</td><td>${formatMilliseconds(s.durationMs)}</td></tr>`,
  )}</tbody></table>`;
}

interface ExcerptView {
  step: string;
  markup: Markup;
  /** Where each of the step's checks points in the excerpt. */
  lines: Map<CheckResult, PathLine & { anchor: string }>;
}

function excerptViews(result: RunResult, runIndex: number): ExcerptView[] {
  return result.steps.flatMap((step, stepIndex) => {
    if (step.excerpt === undefined) return [];
    const text = step.excerpt;
    const cutAt = text.lastIndexOf(`\n${EXCERPT_TRUNCATED_MARK}`);
    const lines = text.split('\n');
    const located = locateValues(cutAt >= 0 ? text.slice(0, cutAt) : text);
    const anchor = (line: number) => `${runId(runIndex)}-s${stepIndex + 1}-l${line}`;
    const hits = new Map<number, 'fail' | 'warn'>();
    const byCheck = new Map<CheckResult, PathLine & { anchor: string }>();
    for (const check of result.checks) {
      if (check.step !== step.name || check.path === undefined || !['fail', 'error', 'warn'].includes(check.outcome)) continue;
      const where = lineOfPath(located, check.path);
      if (!where) continue;
      byCheck.set(check, { ...where, anchor: anchor(where.line) });
      if (hits.get(where.line) !== 'fail') hits.set(where.line, check.outcome === 'warn' ? 'warn' : 'fail');
    }
    const truncatedLine = cutAt >= 0 ? lines.length : -1;
    const body = lines.map((line, i) => {
      const n = i + 1;
      const hit = hits.get(n);
      const classes = ['l', ...(hit ? ['hit', ...(hit === 'warn' ? ['warn'] : [])] : []), ...(n === truncatedLine ? ['cut'] : [])].join(' ');
      return html`<span class="${classes}" id="${anchor(n)}"><span class="n">${n}</span>${line}</span>`;
    });
    const markup = html`<h3>Payload of step “${step.name}”${step.status !== undefined ? ` (status ${step.status})` : ''}</h3>
<pre class="excerpt" data-step="${step.name}"><code>${body}</code></pre>`;
    return [{ step: step.name, markup, lines: byCheck }];
  });
}

function measures(values: Readonly<Record<string, number>>): Markup {
  const entries = Object.entries(values);
  if (entries.length === 0) return html``;
  return html`<h3>Measures</h3><p class="mono">${entries.map(([k, v], i) => html`${i ? ' · ' : ''}${k} = <b>${v}</b>`)}</p>`;
}

const KIND_LABEL: Record<ArtifactKind, string> = { screenshot: 'screenshot', trace: 'Playwright trace', snapshot: 'HTML snapshot', file: 'file' };

function artifactBlock(artifacts: readonly ArtifactView[], result: RunResult): Markup {
  const items = artifacts.map((a) => {
    const name = a.path.split(/[\\/]/).pop() ?? a.path;
    if (!a.href) return html`<p class="muted">${KIND_LABEL[a.kind]} ${a.path} (missing)</p>`;
    if (a.kind === 'screenshot') {
      return html`<figure><a href="${a.href}"><img src="${a.href}" alt="screenshot of ${result.probe} · ${result.persona} · ${result.target}" loading="lazy"></a><figcaption>${name}</figcaption></figure>`;
    }
    const hint = a.kind === 'trace' ? html` <span class="muted">(open with <code>npx playwright show-trace ${name}</code>)</span>` : '';
    return html`<p><a href="${a.href}" data-artifact="${a.kind}">${KIND_LABEL[a.kind]}: ${name}</a>${hint}</p>`;
  });
  return html`<h3>Artifacts</h3><div class="artifacts">${items}</div>`;
}

function hasWarnings(result: RunResult): boolean {
  return result.checks.some((c) => c.outcome === 'warn');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
