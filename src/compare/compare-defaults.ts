// How many rounds a comparison judges and throws away, unless told otherwise; apart from
// the runs so the command line can show them without loading them.
export const DEFAULT_COMPARE_RUNS = 20;
export const DEFAULT_COMPARE_WARMUP = 2;
