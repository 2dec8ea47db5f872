// The config file's shape: every problem is reported, none stops the others being found.
import { REPORTER_NAMES, TRACE_MODES, type BrowserConfig, type Defaults, type PayloadwatchConfig } from '../model/definitions.ts';
import { isPlainObject, keysOf, type PlainObject, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import { childPath } from './child-path.ts';
import { quote } from './describe-value.ts';
import { suggestion } from './did-you-mean.ts';
import { validatePersonas } from './validate-personas.ts';

export const CONFIG_KEYS = keysOf<PayloadwatchConfig>()(
  'targets',
  'defaultTarget',
  'personas',
  'probes',
  'schemas',
  'defaults',
  'browser',
  'reporters',
  'output',
  'location',
);

export const DEFAULTS_KEYS = keysOf<Defaults>()(
  'timeout',
  'runTimeout',
  'retries',
  'concurrency',
  'maxBodyBytes',
  'maxRedirects',
  'pageConcurrency',
);

export const BROWSER_KEYS = keysOf<BrowserConfig>()('executablePath', 'trace');

export const MAX_RETRIES = 10;

const TARGETS_EXAMPLE = "targets: { production: 'https://shop.example.com' }";

export function validateConfig(config: unknown, check: ShapeChecker): void {
  const shape = check.shape(config, '', CONFIG_KEYS, 'a config object made with defineConfig({ … })');
  if (!shape) return;
  check.field(shape, '', 'targets', targets(check), { required: true, hint: TARGETS_EXAMPLE });
  const targetNames = isPlainObject(shape.targets) ? Object.keys(shape.targets) : undefined;
  check.field(shape, '', 'defaultTarget', targetNames ? targetName(check, targetNames) : check.nonEmptyString);
  check.field(shape, '', 'personas', (value, path) => validatePersonas(value, path, check));
  check.field(shape, '', 'probes', probeGlobs(check));
  check.field(shape, '', 'schemas', check.nonEmptyString);
  check.field(shape, '', 'defaults', defaults(check));
  check.field(shape, '', 'browser', browser(check));
  check.field(shape, '', 'reporters', check.arrayOf(check.oneOf(REPORTER_NAMES, 'reporter', 'known reporters')));
  check.field(shape, '', 'output', check.nonEmptyString);
  check.field(shape, '', 'location', check.nonEmptyString);
}

function targets(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (!isPlainObject(value)) return check.typeError(path, 'an object of target names to base URLs', value, TARGETS_EXAMPLE);
    if (Object.keys(value).length === 0) return check.error(path, 'expected at least one target, got none', TARGETS_EXAMPLE);
    let ok = true;
    for (const [name, url] of Object.entries(value)) ok = targetUrl(check)(url, childPath(path, name)) && ok;
    return ok;
  };
}

/** Targets are base URLs the probe paths are resolved against, so they must be absolute. */
export function targetUrl(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (typeof value !== 'string') return check.typeError(path, 'an absolute http(s) URL', value);
    if (isHttpUrl(value)) return true;
    const example = /^[\w.-]+(:\d+)?(\/.*)?$/.test(value) ? `https://${value}` : 'https://shop.example.com';
    return check.error(path, `invalid target URL ${quote(value)}: expected an absolute http(s) URL`, `e.g. '${example}'`);
  };
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function targetName(check: ShapeChecker, known: readonly string[]): ValueCheck {
  return (value, path) => {
    if (!check.nonEmptyString(value, path)) return false;
    if (known.includes(value as string)) return true;
    return check.error(
      path,
      `unknown target ${quote(value as string)}`,
      suggestion(value as string, known, { listLabel: 'known targets', alwaysList: true }),
    );
  };
}

const GLOB_EXAMPLE = "e.g. 'probes/**/*.probe.ts'";

function probeGlobs(check: ShapeChecker): ValueCheck {
  const globs = check.arrayOf(check.nonEmptyString, {
    emptyMessage: 'expected at least one glob, got an empty array',
    emptyHint: GLOB_EXAMPLE,
  });
  return (value, path) => {
    if (typeof value === 'string') return check.nonEmptyString(value, path);
    if (Array.isArray(value)) return globs(value, path);
    return check.typeError(path, 'a glob or an array of globs', value, GLOB_EXAMPLE);
  };
}

function defaults(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    const shape: PlainObject | undefined = check.shape(value, path, DEFAULTS_KEYS);
    if (!shape) return false;
    const results = [
      check.field(shape, path, 'timeout', check.duration),
      check.field(shape, path, 'runTimeout', check.duration),
      check.field(shape, path, 'retries', check.integer({ min: 0, max: MAX_RETRIES })),
      check.field(shape, path, 'concurrency', check.integer({ min: 1 })),
      check.field(shape, path, 'maxBodyBytes', check.integer({ min: 1 })),
      check.field(shape, path, 'maxRedirects', check.integer({ min: 0 })),
      check.field(shape, path, 'pageConcurrency', check.integer({ min: 1 })),
    ];
    return results.every(Boolean);
  };
}

function browser(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    const shape = check.shape(value, path, BROWSER_KEYS, "an object such as { executablePath: '/usr/bin/chromium' }");
    if (!shape) return false;
    const results = [
      check.field(shape, path, 'executablePath', check.nonEmptyString),
      check.field(shape, path, 'trace', check.oneOf(TRACE_MODES, 'trace mode', 'trace modes')),
    ];
    return results.every(Boolean);
  };
}
