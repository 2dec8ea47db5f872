// The versioned JSON report of DESIGN.md, written once at the end.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckResult, Report } from '../model/results.ts';
import type { Reporter } from './reporter.ts';

/** A check as the document shows it: every field of the contract present, `null` when it has no value. */
export type CheckDocument = Omit<CheckResult, 'path' | 'expected' | 'actual'> & {
  path: string | null;
  expected: string | null;
  actual: string | null;
};

/**
 * The report as written: the same fields in every check, so consumers read one shape
 * (a missing key and a `null` mean the same: the check had nothing to say there).
 */
export function reportDocument(report: Report) {
  return {
    ...report,
    results: report.results.map((result) => ({
      ...result,
      checks: result.checks.map(
        (check): CheckDocument => ({ ...check, path: check.path ?? null, expected: check.expected ?? null, actual: check.actual ?? null }),
      ),
    })),
  };
}

export class JsonReporter implements Reporter {
  constructor(readonly file: string) {}

  async onEnd(report: Report): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, `${JSON.stringify(reportDocument(report), null, 2)}\n`);
  }
}
