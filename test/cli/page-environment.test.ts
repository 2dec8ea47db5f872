import { afterEach, describe, expect, it } from 'vitest';
import { pageEnvironment } from '../../src/cli/page-environment.ts';
import type { Project } from '../../src/config/project.ts';
import { BUILT_IN_DEFAULTS } from '../../src/config/project.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import type { BrowserConfig } from '../../src/model/definitions.ts';
import { closeBrowser, sharedBrowserPool } from '../../src/steps/page/browser-pool.ts';

const project = (browser?: BrowserConfig) =>
  ({ rootDir: '/srv/monitor', defaults: BUILT_IN_DEFAULTS, config: { targets: { shop: 'http://shop.test' }, ...(browser ? { browser } : {}) } }) as unknown as Project;

afterEach(() => closeBrowser());

describe('pageEnvironment', () => {
  it("hands the config's trace mode to every page run", () => {
    expect(pageEnvironment(project({ trace: 'off' }), '/srv/monitor/report', '/srv/monitor', silentLogger()).trace).toBe('off');
    expect(pageEnvironment(project({ trace: 'screencast' }), '/srv/monitor/report', '/srv/monitor', silentLogger()).trace).toBe('screencast');
  });

  it('leaves the trace to the runner’s default when the config names none, and uses the process’s one browser', () => {
    const env = pageEnvironment(project(), '/srv/monitor/report', '/srv/monitor', silentLogger());
    expect(env).toEqual({ browser: sharedBrowserPool(), outputDir: '/srv/monitor/report', cwd: '/srv/monitor' });
    expect(env.browser).toBe(sharedBrowserPool());
  });
});
