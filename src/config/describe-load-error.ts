// Turns whatever importing a user's file threw into one readable line and a hint.
import path from 'node:path';
import { displayPath, displayPathsIn } from './display-path.ts';
import { locateSyntaxError, type SourceLocation } from './locate-syntax-error.ts';

export interface LoadProblem {
  message: string;
  hint?: string;
}

/** esbuild's transform failure: `<file>:<line>:<column>: ERROR: <text>`, one line per error, column 0-based. */
const ESBUILD_ERROR_LINE = /^(.+?):(\d+):(\d+): ERROR: (.+)$/gm;

const TOP_LEVEL_HINT = 'top-level code runs when payloadwatch loads the file; move work that can fail into a step or a persona setup';

function compileErrors(message: string): SourceLocation[] {
  return [...message.matchAll(ESBUILD_ERROR_LINE)].map(([, file, line, column, text]) => ({
    file: file!,
    line: Number(line),
    column: Number(column) + 1,
    text: text!,
  }));
}

function syntaxProblem(locations: readonly SourceLocation[], cwd: string): LoadProblem {
  const [first] = locations;
  const more = locations.length > 1 ? ` (and ${locations.length - 1} more)` : '';
  return { message: `syntax error at ${displayPath(first!.file, cwd)}:${first!.line}:${first!.column}: ${first!.text}${more}` };
}

/** A stack frame's place: `at fn (/abs/file.ts:3:7)` or `at /abs/file.ts:3:7`. */
const FRAME_PLACE = /(?:^at |\()((?:file:\/\/)?\/[^()\s]+?:\d+:\d+)\)?$/;

/** A module that does not parse fails inside Node's loader; a `JSON.parse` at top level fails in user code. */
function thrownByParser(stack: string | undefined): boolean {
  const frames = stack?.split('\n').filter((line) => line.trim().startsWith('at ')) ?? [];
  return frames.every((frame) => frame.includes('node:internal'));
}

/** `file:line:column` of the first stack frame in the user's own files: where their code threw. */
function thrownAt(stack: string | undefined, cwd: string): string | undefined {
  for (const line of stack?.split('\n').slice(1) ?? []) {
    const place = FRAME_PLACE.exec(line.trim())?.[1]?.replace(/^file:\/\//, '');
    if (!place || !place.startsWith(cwd + path.sep) || place.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return displayPathsIn(place, cwd);
  }
  return undefined;
}

export async function describeLoadError(error: unknown, absolutePath: string, cwd: string): Promise<LoadProblem> {
  if (!(error instanceof Error)) return { message: `failed to load: ${String(error)}`, hint: TOP_LEVEL_HINT };
  const compiled = compileErrors(error.message);
  if (compiled.length > 0) return syntaxProblem(compiled, cwd);
  if (error.name === 'SyntaxError' && thrownByParser(error.stack)) {
    const located = await locateSyntaxError(absolutePath);
    if (located) return syntaxProblem([located], cwd);
    return { message: `syntax error: ${displayPathsIn(error.message, cwd)}`, hint: 'the error may be in a module this file imports' };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
    const missingSelf = /Cannot find package 'payloadwatch'/.test(error.message);
    return {
      message: `cannot load: ${displayPathsIn(error.message, cwd)}`,
      hint: missingSelf
        ? 'install payloadwatch in this project: npm install --save-dev payloadwatch'
        : 'check the import paths in this file',
    };
  }
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  const place = thrownAt(error.stack, cwd);
  const at = place ? ` (thrown at ${place})` : '';
  return { message: `failed to load: ${name}${displayPathsIn(error.message, cwd)}${at}`, hint: TOP_LEVEL_HINT };
}
