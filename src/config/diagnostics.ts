// Validation collects every problem before anyone prints: one Diagnostic per problem,
// each with a place (file and path inside it), what is wrong, and a hint.

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Relative to the working directory, e.g. `probes/recs.probe.ts`. */
  file: string;
  /** Path inside the file's value, e.g. `steps[1].expect.schema`; empty for the file as a whole. */
  path: string;
  message: string;
  hint?: string;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(file: string, path: string, message: string, hint?: string): void {
    this.items.push({ severity: 'error', file, path, message, ...(hint ? { hint } : {}) });
  }

  warning(file: string, path: string, message: string, hint?: string): void {
    this.items.push({ severity: 'warning', file, path, message, ...(hint ? { hint } : {}) });
  }

  add(other: Diagnostics | readonly Diagnostic[]): void {
    this.items.push(...(other instanceof Diagnostics ? other.items : other));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** `probes/recs.probe.ts: steps[1].expect.schema: <message> (hint: <hint>)` */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.path ? `${d.file}: ${d.path}` : d.file;
  return `${d.severity} ${place}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
}

/** Joins property names and indices into the path form diagnostics use: `steps[1].expect.rules[0]`. */
export function joinPath(...parts: Array<string | number>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (part === '') continue;
    else if (part.startsWith('[')) out += part;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** A configuration problem that stops a command; carries every diagnostic found. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
  }
}
