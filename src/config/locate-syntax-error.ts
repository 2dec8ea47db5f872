// Node reports a syntax error in a plain JavaScript module without saying where it is.
// esbuild (the compiler tsx already brings) parses the file again to find the place.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, as editors count. */
  column: number;
  text: string;
}

interface EsbuildMessage {
  text: string;
  location: { line: number; column: number } | null;
}

interface Esbuild {
  transform(code: string, options: { loader: string; format: string; sourcefile: string }): Promise<unknown>;
}

const LOADERS: Record<string, string> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

function esbuild(): Esbuild {
  // Resolved from tsx's own location: it is tsx's dependency, not this package's.
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  return fromTsx('esbuild') as Esbuild;
}

/** Where the first syntax error of `absolutePath` is, or `undefined` when esbuild finds none. */
export async function locateSyntaxError(absolutePath: string): Promise<SourceLocation | undefined> {
  try {
    const code = await readFile(absolutePath, 'utf8');
    const loader = LOADERS[path.extname(absolutePath)] ?? 'js';
    await esbuild().transform(code, { loader, format: 'esm', sourcefile: absolutePath });
    return undefined;
  } catch (error) {
    const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
    if (!first?.location) return undefined;
    return { file: absolutePath, line: first.location.line, column: first.location.column + 1, text: first.text };
  }
}
