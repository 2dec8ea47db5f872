import { formatDiagnostic, type Diagnostic } from '../config/diagnostics.ts';

export function printDiagnostics(diagnostics: readonly Diagnostic[], out: NodeJS.WritableStream): void {
  for (const d of diagnostics) out.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors) out.write(`\n${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: configuration is invalid\n`);
}
