// Where the page steps of `run`, `compare` and the daemon run: the process's browser, set
// up from the project's `browser` settings, and the folder their artifacts go to.
import { resolve } from 'node:path';
import type { Project } from '../config/project.ts';
import type { Logger } from '../logging/logger.ts';
import type { PageEnvironment } from '../runner/run-probe.ts';
import { sharedBrowserPool } from '../steps/page/browser-pool.ts';

export function pageEnvironment(project: Project, outputDir: string, cwd: string, logger: Logger): PageEnvironment {
  const { executablePath, trace } = project.config.browser ?? {};
  return {
    // Started only if a run reaches a page step.
    browser: sharedBrowserPool({
      ...(executablePath ? { executablePath: resolve(project.rootDir, executablePath) } : {}),
      pageConcurrency: project.defaults.pageConcurrency,
      log: logger,
    }),
    outputDir,
    cwd,
    ...(trace ? { trace } : {}),
  };
}
