// Writes `<output>/report.html`: one self-contained file. Artifacts are linked relative to
// it; one kept outside the output folder is copied in, so the folder alone (an uploaded CI
// artifact, say) opens offline with every screenshot and trace in place.
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Report, RunResult } from '../../model/results.ts';
import type { Reporter } from '../reporter.ts';
import { artifactKind, relativeHref, renderHtmlReport, type ArtifactView } from './render-report.ts';

/** Where artifacts from outside the output folder are copied, inside it. */
export const COPIED_ARTIFACTS_DIR = 'report-artifacts';

export class HtmlReporter implements Reporter {
  /**
   * @param file the report to write, e.g. `payloadwatch-report/report.html`
   * @param cwd the folder run results' artifact paths are relative to
   */
  constructor(
    readonly file: string,
    private readonly cwd: string,
  ) {}

  async onEnd(report: Report): Promise<void> {
    const dir = dirname(this.file);
    await mkdir(dir, { recursive: true });
    const artifacts = await Promise.all(report.results.map((result, index) => this.linkArtifacts(result, index, dir)));
    await writeFile(this.file, renderHtmlReport(report, { artifacts }));
  }

  private async linkArtifacts(result: RunResult, index: number, dir: string): Promise<ArtifactView[]> {
    const views: ArtifactView[] = [];
    for (const [n, path] of result.artifacts.entries()) {
      const source = resolve(this.cwd, path);
      const kind = artifactKind(path);
      if (!(await isFile(source))) {
        views.push({ path, href: undefined, kind });
        continue;
      }
      let inside = relative(dir, source);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        inside = join(COPIED_ARTIFACTS_DIR, `run-${index + 1}`, `${n + 1}-${basename(source)}`);
        await mkdir(dirname(join(dir, inside)), { recursive: true });
        await copyFile(source, join(dir, inside));
      }
      views.push({ path, href: relativeHref(inside), kind });
    }
    return views;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
