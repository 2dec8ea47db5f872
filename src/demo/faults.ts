// Faults the demo shop can switch on, so every probe can be shown failing for the right reason.

/** Faults of the JSON API; pages reach them through their own API calls. */
export const API_FAULTS = [
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
export type ApiFaultName = (typeof API_FAULTS)[number];

/** Faults of the HTML pages and their scripts: the API behind them stays healthy. */
export const PAGE_FAULTS = ['blank-page', 'js-error', 'widget-empty-render', 'widget-hidden'] as const;
export type PageFaultName = (typeof PAGE_FAULTS)[number];

export const FAULTS = [...API_FAULTS, ...PAGE_FAULTS] as const;
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
  'blank-page': 'pages are rendered by a script that throws first, leaving the main content empty',
  'js-error': 'pages render, then an uncaught TypeError is thrown and a console error logged',
  'widget-empty-render': 'the recommendations widget gets items from the API and renders none',
  'widget-hidden': 'the recommendations widget renders its cards in a section that is not displayed',
};

const FAULT_SET: ReadonlySet<string> = new Set(FAULTS);
const PAGE_FAULT_SET: ReadonlySet<string> = new Set(PAGE_FAULTS);

export function isFaultName(s: string): s is FaultName {
  return FAULT_SET.has(s);
}

export function isPageFault(fault: FaultName): fault is PageFaultName {
  return PAGE_FAULT_SET.has(fault);
}

/** The switched-on faults the API answers with: page faults never reach it. */
export function apiFaultsOf(faults: ReadonlySet<FaultName>): ReadonlySet<ApiFaultName> {
  return new Set([...faults].filter((fault): fault is ApiFaultName => !isPageFault(fault)));
}

/** The switched-on faults pages are rendered with: API faults reach pages only through their API calls. */
export function pageFaultsOf(faults: ReadonlySet<FaultName>): ReadonlySet<PageFaultName> {
  return new Set([...faults].filter(isPageFault));
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
