// Reads the schemas folder: every *.json file below it, parsed, with what went wrong
// for each file that could not be.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { findJsonSyntaxProblem } from './json-syntax.ts';

export interface SchemaFileProblem {
  /** The file name relative to the schemas folder, `/`-separated. */
  file: string;
  message: string;
  hint?: string;
}

export interface SchemaFile {
  /** Relative to the schemas folder, `/`-separated, so names match on every platform. */
  file: string;
  json: unknown;
}

const BYTE_ORDER_MARK = /^\uFEFF/;

/** A folder that does not exist holds no schemas; that alone is not a problem. */
export async function readSchemaFiles(dir: string): Promise<{ files: SchemaFile[]; problems: SchemaFileProblem[] }> {
  const files: SchemaFile[] = [];
  const problems: SchemaFileProblem[] = [];
  let names: string[];
  try {
    names = await listJsonFiles(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files, problems };
    return { files, problems: [{ file: '.', message: `cannot read the schemas folder: ${(error as Error).message}` }] };
  }
  for (const file of names) {
    let text: string;
    try {
      text = (await readFile(join(dir, file), 'utf8')).replace(BYTE_ORDER_MARK, '');
    } catch (error) {
      problems.push({ file, message: `cannot read the file: ${(error as Error).message}` });
      continue;
    }
    try {
      files.push({ file, json: JSON.parse(text) });
    } catch (error) {
      problems.push({ file, message: jsonProblem(text, error as Error) });
    }
  }
  return { files, problems };
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function jsonProblem(text: string, error: Error): string {
  const problem = findJsonSyntaxProblem(text);
  return problem
    ? `not valid JSON: line ${problem.line}, column ${problem.column}: ${problem.message}`
    : `not valid JSON: ${error.message}`;
}
