// Faults the demo shop can switch on, so every probe can be shown failing for the right reason.

export const FAULTS = [
  'empty-recs-new-users',
  'wrong-types',
  'missing-field',
  'null-ids',
  'duplicate-items',
  'bad-prices',
  'stale-data',
  'slow',
  'hang',
  'html-200',
  'truncated-json',
  'server-error',
  'huge-body',
] as const;
export type FaultName = (typeof FAULTS)[number];

/** How long `slow` holds every faulted answer: well past a typical 800 ms latency budget. */
export const SLOW_DELAY_MS = 1500;
/** Size of the `huge-body` answer, after decompression: far past a client's default 10 MiB limit. */
export const HUGE_BODY_BYTES = 64 * 1024 * 1024;

export const FAULT_DESCRIPTIONS: Record<FaultName, string> = {
  'empty-recs-new-users': 'recommendations answer 200 with no items for users without order history',
  'wrong-types': 'prices are sent as strings instead of numbers',
  'missing-field': 'products lose their name',
  'null-ids': 'product ids are null',
  'duplicate-items': 'lists repeat their first item',
  'bad-prices': 'prices are zero or negative',
  'stale-data': 'product and recommendation timestamps are 3 days old',
  'slow': `responses are delayed by ${SLOW_DELAY_MS} ms`,
  'hang': 'requests are accepted and never answered',
  'html-200': 'status 200 with an HTML error page instead of JSON',
  'truncated-json': 'status 200 with a JSON body cut off half way',
  'server-error': 'status 500 with a JSON error body',
  'huge-body': `status 200 with a valid JSON body streamed to ${HUGE_BODY_BYTES / 1024 / 1024} MiB (gzipped when accepted)`,
};

const FAULT_SET: ReadonlySet<string> = new Set(FAULTS);

export function isFaultName(s: string): s is FaultName {
  return FAULT_SET.has(s);
}

/** Thrown when a fault name comes from outside the type system (CLI flags, environment). */
export class UnknownFaultError extends Error {
  override readonly name = 'UnknownFaultError';
  readonly fault: string;

  constructor(fault: string) {
    super(`unknown fault "${fault}"; known faults: ${FAULTS.join(', ')}`);
    this.fault = fault;
  }
}

/** Checks names at run time too: `setFaults` may be fed from a command line. */
export function toFaultSet(faults: readonly string[]): ReadonlySet<FaultName> {
  const set = new Set<FaultName>();
  for (const fault of faults) {
    if (!isFaultName(fault)) throw new UnknownFaultError(fault);
    set.add(fault);
  }
  return set;
}
