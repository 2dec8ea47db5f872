// The reporters a run writes to, from their names: files go to the output folder, text to
// the command's streams. Inside GitHub Actions the `github` reporter joins unless the
// command line named its reporters itself.
import { join, relative } from 'node:path';
import type { ReporterName } from '../model/definitions.ts';
import { ConsoleReporter } from '../reporters/console-reporter.ts';
import { GithubReporter, inGithubActions } from '../reporters/github-reporter.ts';
import { HtmlReporter } from '../reporters/html/html-reporter.ts';
import { JsonReporter } from '../reporters/json-reporter.ts';
import { JunitReporter } from '../reporters/junit-reporter.ts';
import type { Reporter } from '../reporters/reporter.ts';
import type { CliIO } from './cli-io.ts';

/** Files each file reporter writes, inside the output folder. */
export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml', html: 'report.html' } as const;

export interface ReporterChoice {
  /** From `--reporter`; `undefined` when the command line named none. */
  requested?: readonly ReporterName[];
  /** From the config (or its default). */
  configured: readonly ReporterName[];
}

/** Names in effect: `--reporter` as given; else the config's, plus `github` inside GitHub Actions. */
export function reporterNames(choice: ReporterChoice, env: Readonly<Record<string, string | undefined>>): ReporterName[] {
  if (choice.requested) return [...choice.requested];
  const names = [...choice.configured];
  if (inGithubActions(env) && !names.includes('github')) names.push('github');
  return names;
}

export interface BuiltReporter {
  name: ReporterName;
  reporter: Reporter;
  /** The file it writes, if any. */
  file?: string;
}

export function buildReporters(names: readonly ReporterName[], outputDir: string, io: CliIO): BuiltReporter[] {
  const env = io.env ?? process.env;
  return names.map((name): BuiltReporter => {
    switch (name) {
      case 'console':
        return { name, reporter: new ConsoleReporter(io.stdout) };
      case 'json': {
        const file = join(outputDir, REPORT_FILES.json);
        return { name, reporter: new JsonReporter(file), file };
      }
      case 'junit': {
        const file = join(outputDir, REPORT_FILES.junit);
        return { name, reporter: new JunitReporter(file), file };
      }
      case 'html': {
        const file = join(outputDir, REPORT_FILES.html);
        return { name, reporter: new HtmlReporter(file, io.cwd), file };
      }
      case 'github':
        return { name, reporter: new GithubReporter({ out: io.stdout, ...(env.GITHUB_STEP_SUMMARY ? { summaryFile: env.GITHUB_STEP_SUMMARY } : {}) }) };
    }
  });
}

const LABEL: Partial<Record<ReporterName, string>> = { json: 'JSON report', junit: 'JUnit report', html: 'HTML report' };

/** `JSON report: out/report.json`, one line per file written, relative to the working directory. */
export function describeReportFiles(built: readonly BuiltReporter[], cwd: string): string {
  return built
    .filter((b) => b.file)
    .map((b) => `${LABEL[b.name] ?? b.name}: ${relative(cwd, b.file!) || b.file}\n`)
    .join('');
}
