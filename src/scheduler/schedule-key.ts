// What identifies one schedule: a probe, as one persona, against one target. Overlap,
// jitter, skipped-tick counts and the status page are all kept per key.
import type { PlannedRun } from '../runner/plan.ts';

export interface ScheduleKey {
  probe: string;
  persona: string;
  target: string;
}

export function scheduleKeyOf(run: PlannedRun): ScheduleKey {
  return { probe: run.probe.definition.name, persona: run.persona.name, target: run.target.name };
}

/** `probe|persona|target`: the key as one string, for maps and the jitter hash. */
export function scheduleId(key: ScheduleKey): string {
  return `${key.probe}|${key.persona}|${key.target}`;
}
