// Which Chromium page steps run in. An explicit choice (the config, then the environment) is
// used or reported, never silently replaced; otherwise Debian's Chromium, then Playwright's
// own download if one is installed. Nothing is ever downloaded here.
import { existsSync } from 'node:fs';

export const CHROMIUM_ENV = 'PAYLOADWATCH_CHROMIUM';
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export type ChromiumSource = 'config' | 'environment' | 'system' | 'playwright';

export interface ResolvedChromium {
  path: string;
  source: ChromiumSource;
}

export interface ChromiumLookup {
  /** `browser.executablePath` of the config, already absolute. */
  configured?: string;
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  /** Where Playwright's own Chromium would be; `undefined` when Playwright cannot say. */
  playwrightPath?: () => string | undefined;
}

const INSTALL_HINT =
  "install Chromium ('apt-get install chromium' on Debian and Ubuntu, or Playwright's own Chromium build), " +
  `or point browser.executablePath in the config or ${CHROMIUM_ENV} at a Chromium or Chrome binary`;

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
  constructor(
    /** Each place looked at, and why it was not used. */
    readonly tried: readonly string[],
    readonly hint: string = INSTALL_HINT,
  ) {
    super(`no Chromium for page steps: ${tried.join('; ')}; ${hint}`);
  }
}

export function resolveChromium(lookup: ChromiumLookup = {}): ResolvedChromium {
  const exists = lookup.exists ?? existsSync;
  const env = lookup.env ?? process.env;
  if (lookup.configured !== undefined) {
    if (exists(lookup.configured)) return { path: lookup.configured, source: 'config' };
    throw new ChromiumNotFoundError([`browser.executablePath ${lookup.configured} (from the config) does not exist`], 'fix the path, or remove it to use the default Chromium');
  }
  const fromEnv = env[CHROMIUM_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (exists(fromEnv)) return { path: fromEnv, source: 'environment' };
    throw new ChromiumNotFoundError([`${CHROMIUM_ENV}=${fromEnv} does not exist`], `fix ${CHROMIUM_ENV}, or unset it to use the default Chromium`);
  }
  const tried = [`${CHROMIUM_ENV} is not set`];
  if (exists(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
  tried.push(`${SYSTEM_CHROMIUM} does not exist`);
  const playwright = lookup.playwrightPath?.();
  if (playwright !== undefined && exists(playwright)) return { path: playwright, source: 'playwright' };
  tried.push(playwright === undefined ? "Playwright's own Chromium is not known" : `Playwright's own Chromium is not installed (${playwright})`);
  throw new ChromiumNotFoundError(tried);
}
