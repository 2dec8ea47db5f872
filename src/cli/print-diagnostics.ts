import { formatDiagnostic, type Diagnostic } from '../config/diagnostics.ts';
import { plural } from '../text/plural.ts';

export function printDiagnostics(diagnostics: readonly Diagnostic[], out: NodeJS.WritableStream): void {
  for (const d of diagnostics) out.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors) out.write(`\n${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}: configuration is invalid\n`);
}
