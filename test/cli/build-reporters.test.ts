import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildReporters, describeReportFiles, reporterNames } from '../../src/cli/build-reporters.ts';
import { ConsoleReporter } from '../../src/reporters/console-reporter.ts';
import { GithubReporter } from '../../src/reporters/github-reporter.ts';
import { HtmlReporter } from '../../src/reporters/html/html-reporter.ts';
import { JsonReporter } from '../../src/reporters/json-reporter.ts';
import { JunitReporter } from '../../src/reporters/junit-reporter.ts';

const io = (env: Record<string, string> = {}) => ({ stdout: new PassThrough(), stderr: new PassThrough(), cwd: '/srv/project', env });

describe('reporterNames', () => {
  it('uses --reporter exactly as given, inside GitHub Actions too', () => {
    expect(reporterNames({ requested: ['console', 'junit'], configured: ['json'] }, { GITHUB_ACTIONS: 'true' })).toEqual(['console', 'junit']);
  });

  it("uses the config's reporters without --reporter", () => {
    expect(reporterNames({ configured: ['console', 'json'] }, {})).toEqual(['console', 'json']);
  });

  it('adds github inside GitHub Actions when --reporter was not given, once', () => {
    expect(reporterNames({ configured: ['console'] }, { GITHUB_ACTIONS: 'true' })).toEqual(['console', 'github']);
    expect(reporterNames({ configured: ['console'] }, { GITHUB_STEP_SUMMARY: '/runner/summary.md' })).toEqual(['console', 'github']);
    expect(reporterNames({ configured: ['github', 'console'] }, { GITHUB_ACTIONS: 'true' })).toEqual(['github', 'console']);
  });
});

describe('buildReporters', () => {
  it('makes each reporter, the file ones writing into the output folder', () => {
    const built = buildReporters(['console', 'json', 'junit', 'html', 'github'], '/srv/project/out', io({ GITHUB_STEP_SUMMARY: '/runner/summary.md' }));
    expect(built.map((b) => [b.name, b.reporter.constructor, b.file])).toEqual([
      ['console', ConsoleReporter, undefined],
      ['json', JsonReporter, '/srv/project/out/report.json'],
      ['junit', JunitReporter, '/srv/project/out/junit.xml'],
      ['html', HtmlReporter, '/srv/project/out/report.html'],
      ['github', GithubReporter, undefined],
    ]);
  });

  it('lists the files written, relative to the working directory', () => {
    const built = buildReporters(['console', 'junit', 'html', 'json'], '/srv/project/out', io());
    expect(describeReportFiles(built, '/srv/project')).toBe('JUnit report: out/junit.xml\nHTML report: out/report.html\nJSON report: out/report.json\n');
  });
});
