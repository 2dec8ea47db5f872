// Where the config is: the file the user named, or the first conventional name in the folder.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadProblem } from './describe-load-error.ts';

export const CONFIG_FILE_NAMES = [
  'payloadwatch.config.ts',
  'payloadwatch.config.mts',
  'payloadwatch.config.js',
  'payloadwatch.config.mjs',
] as const;

export type ConfigLocation = { path: string; problem?: undefined } | { path: string; problem: LoadProblem };

async function isFile(file: string): Promise<boolean | undefined> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return undefined;
  }
}

/** The config's absolute path; with a problem, `path` is the file a diagnostic should name. */
export async function findConfigFile(cwd: string, explicit?: string): Promise<ConfigLocation> {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    const found = await isFile(file);
    if (found) return { path: file };
    return {
      path: file,
      problem: found === false
        ? { message: 'the config is not a file', hint: 'pass --config <file>, e.g. --config payloadwatch.config.ts' }
        : { message: 'config file not found', hint: 'check the --config path; it is relative to the working directory' },
    };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (await isFile(file)) return { path: file };
  }
  return {
    path: path.join(cwd, CONFIG_FILE_NAMES[0]),
    problem: {
      message: `config file not found (looked for ${CONFIG_FILE_NAMES.join(', ')})`,
      hint: `pass --config <file>, or create ${CONFIG_FILE_NAMES[0]}`,
    },
  };
}
