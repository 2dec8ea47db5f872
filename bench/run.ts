// `npm run bench [-- --quick] [-- --only 1,2]`: every scenario side by side with its raw
// baseline, a table on stdout and bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, loadNow } from './support/machine.ts';
import { RESULTS_FILE } from './support/paths.ts';
import { formatTable, type Scenario, type ScenarioResult } from './support/report.ts';
import { apiProbeScenario } from './scenarios/api-probe.ts';
import { validationScenario } from './scenarios/validation.ts';
import { coldStartScenario } from './scenarios/cold-start.ts';
import { pageProbeScenario } from './scenarios/page-probe.ts';
import { daemonScaleScenario } from './scenarios/daemon-scale.ts';

const SCENARIOS: readonly Scenario[] = [apiProbeScenario, validationScenario, pageProbeScenario, coldStartScenario, daemonScaleScenario];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const only = values.only ? new Set(values.only.split(',').map((id) => Number(id.trim()))) : undefined;
const selected = SCENARIOS.filter((s) => !only || only.has(s.id));
const machine = describeMachine();
const startedAt = new Date();
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
progress(`${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load ${machine.loadAtStart.join(' ')}; ${values.quick ? 'quick' : 'full'} mode`);

const results: ScenarioResult[] = [];
const failures: { id: number; title: string; error: string }[] = [];
for (const scenario of selected) {
  progress(`scenario ${scenario.id}: ${scenario.title}`);
  const started = Date.now();
  try {
    const result = await scenario.run({ quick: values.quick, progress: (m) => progress(`  ${scenario.id}: ${m}`) });
    results.push(result);
    progress(`scenario ${scenario.id} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push({ id: scenario.id, title: scenario.title, error: (error as Error)?.stack ?? String(error) });
    progress(`scenario ${scenario.id} FAILED: ${(error as Error)?.message ?? String(error)}`);
  }
}
machine.loadAtEnd = loadNow();

process.stdout.write(`\npayloadwatch benchmarks (${values.quick ? 'quick' : 'full'}) — ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAtStart[0]} → ${machine.loadAtEnd[0]}\n\n`);
process.stdout.write(`${formatTable(results)}\n`);
if (values.quick) process.stdout.write('\nquick mode: few samples, so figures and goals are only indicative; run without --quick for figures to quote\n');
for (const result of results) {
  process.stdout.write(`\n${result.id} ${result.title} — baseline: ${result.baseline}\n`);
  for (const note of result.notes) process.stdout.write(`  · ${note}\n`);
}
for (const failure of failures) process.stdout.write(`\n${failure.id} ${failure.title}: FAILED\n${failure.error}\n`);

if (!values['no-write']) {
  const document = {
    version: 1,
    date: startedAt.toISOString(),
    mode: values.quick ? 'quick' : 'full',
    ...(only ? { only: [...only] } : {}),
    machine,
    scenarios: results,
    failures,
  };
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(document, roundNumbers, 2)}\n`);
  progress(`written: bench/results/latest.json`);
}
process.exitCode = failures.length ? 1 : 0;

function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}
