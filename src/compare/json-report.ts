// The versioned JSON report of `payloadwatch compare`, written once at the end.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CompareReport } from './compare-report.ts';
import type { CompareReporter } from './compare-reporter.ts';

/** The file name inside the output folder. */
export const COMPARE_REPORT_FILE = 'compare.json';

export class CompareJsonReporter implements CompareReporter {
  constructor(readonly file: string) {}

  async onEnd(report: CompareReport): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, `${JSON.stringify(report, null, 2)}\n`);
  }
}
