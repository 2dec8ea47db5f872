// Paths in messages are relative to the working directory with forward slashes, so the
// same message reads the same on every machine and in CI logs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function displayPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath) || '.';
  return relative.split(path.sep).join('/');
}

/** tsx marks each fresh load with a query; it is noise in a message. */
function withoutLoaderQuery(text: string): string {
  return text.replace(/\?(?:tsx-)?namespace=[\w-]+/g, '');
}

const ABSOLUTE_PATH = /(file:\/\/)?(\/[^\s'"`()<>,;]+?)(?=(?::\d+)*(?:[\s'"`()<>,;]|\.(?:\s|$)|$))/g;

/** A missing file inside the project (a wrong import) is still a path worth shortening. */
function isFilePath(candidate: string, cwd: string): boolean {
  return existsSync(candidate) || (candidate.startsWith(cwd + path.sep) && existsSync(path.dirname(candidate)));
}

/**
 * Rewrites absolute paths and file URLs inside an error message as display paths. Only
 * file paths are rewritten, so an API path such as `/api/items` in a message stays.
 */
export function displayPathsIn(text: string, cwd: string): string {
  const root = path.resolve(cwd);
  return withoutLoaderQuery(text).replace(ABSOLUTE_PATH, (whole, url: string | undefined, candidate: string) => {
    const absolute = url ? safeFileUrlToPath(`file://${candidate}`) : candidate;
    return absolute && isFilePath(absolute, root) ? displayPath(absolute, root) : whole;
  });
}

function safeFileUrlToPath(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}
