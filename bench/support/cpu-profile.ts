// Reads a V8 .cpuprofile (from `node --cpu-prof`) into where the time went: self time by
// function and by origin (a package, a src/ folder, Node itself), and inclusive time by
// function, so a benchmark can say what dominates without a profiler UI.
import { readFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './paths.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  /** Share of all sampled time, 0–100. */
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  byOrigin: TimeShare[];
  selfByFunction: TimeShare[];
  inclusiveByFunction: TimeShare[];
}

/** `undici`, `src/validate`, `node:internal`, `(garbage collector)`: where a frame's code lives. */
export function originOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const path = url.startsWith('file:') ? fileURLToPath(url.split('?')[0]!) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = path.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (path.startsWith(PACKAGE_ROOT)) {
    const parts = path.slice(PACKAGE_ROOT.length).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  // Results are shared: no path of the machine they were taken on.
  return `(elsewhere) ${basename(path)}`;
}

function functionKey(frame: CallFrame): string {
  const origin = originOf(frame);
  const file = frame.url ? frame.url.split('/').pop()!.split('?')[0] : '';
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''} [${origin}]`.replace(/\s+\[/, ' [');
}

export async function summarizeProfile(file: string, top = 12): Promise<ProfileSummary> {
  return summarizeCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, top);
}

/** Profiles this process while `work` runs, sampling every `intervalUs`. */
export async function profileWhile(work: () => Promise<void>, top = 12, intervalUs = 100): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    const stopProfiler = () => session.post('Profiler.stop');
    let stopped: Awaited<ReturnType<typeof stopProfiler>>;
    try {
      await work();
    } finally {
      stopped = await stopProfiler();
    }
    return summarizeCpuProfile(stopped.profile as unknown as CpuProfile, top);
  } finally {
    session.disconnect();
  }
}

/** The busiest origins, idle time left out: `undici 120 ms, src/validate 80 ms, …`. */
export function describeTop(summary: ProfileSummary, count = 5): string {
  return summary.byOrigin
    .filter((s) => s.name !== '(idle)')
    .slice(0, count)
    .map((s) => `${s.name} ${Math.round(s.ms)} ms`)
    .join(', ');
}

/** The functions with the most self time, the VM's own entries left out. */
export function describeTopFunctions(summary: ProfileSummary, count = 3): string {
  return summary.selfByFunction
    .filter((s) => !s.name.startsWith('('))
    .slice(0, count)
    .map((s) => `${s.name.replace(/ \[.*\]$/, '')} ${Math.round(s.ms)} ms`)
    .join(', ');
}

function summarizeCpuProfile(profile: CpuProfile, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const origins = new Map<string, number>();
  // Each sample counts one typical interval: on a busy machine a sample that waited while
  // the process was descheduled carries a huge delta, which would blame whatever ran last.
  const deltas = profile.timeDeltas.filter((d) => d > 0).sort((a, b) => a - b);
  const dt = deltas[Math.floor(deltas.length / 2)] ?? 0;
  let totalUs = 0;
  profile.samples.forEach((id) => {
    const node = byId.get(id);
    if (!node || dt <= 0) return;
    totalUs += dt;
    add(self, functionKey(node.callFrame), dt);
    add(origins, originOf(node.callFrame), dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = functionKey(byId.get(at)!.callFrame);
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key, dt);
      }
    }
  });
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, percent: Math.round((us / totalUs) * 1000) / 10 }));
  return {
    totalMs: Math.round(totalUs / 1000),
    byOrigin: rank(origins),
    selfByFunction: rank(self),
    inclusiveByFunction: rank(new Map([...inclusive].filter(([key]) => !key.startsWith('(root)') && !key.startsWith('(program)')))),
  };
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
