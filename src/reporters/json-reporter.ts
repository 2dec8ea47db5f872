// The versioned JSON report of DESIGN.md, written once at the end.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Report } from '../model/results.ts';
import type { Reporter } from './reporter.ts';

export class JsonReporter implements Reporter {
  constructor(readonly file: string) {}

  async onEnd(report: Report): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, `${JSON.stringify(report, null, 2)}\n`);
  }
}
