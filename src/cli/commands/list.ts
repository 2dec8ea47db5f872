// `payloadwatch list`: what would run, one row per probe × persona.
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';
import { formatTable } from '../format-table.ts';

export async function listCommand(options: { config?: string }, io: CliIO): Promise<ExitCode> {
  const project = await loadOrReport(options.config, io);
  if (!project) return EXIT.usage;
  const rows = project.probes.flatMap(({ definition, file }) =>
    (definition.personas ?? ['anonymous']).map((persona) => [
      definition.name,
      persona,
      definition.schedule ?? '(none)',
      (definition.tags ?? []).join(',') || '-',
      file,
    ]),
  );
  io.stdout.write(formatTable(['PROBE', 'PERSONA', 'SCHEDULE', 'TAGS', 'FILE'], rows));
  io.stdout.write(`\n${project.probes.length} probes, ${rows.length} probe × persona runs; targets: ${Object.keys(project.targets).join(', ')} (default ${project.defaultTarget})\n`);
  return EXIT.ok;
}
