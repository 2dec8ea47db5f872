// `payloadwatch validate`: load and check everything, run nothing (for CI linting).
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';

export async function validateCommand(options: { config?: string }, io: CliIO): Promise<ExitCode> {
  const project = await loadOrReport(options.config, io);
  if (!project) return EXIT.usage;
  const runs = project.probes.reduce((n, p) => n + (p.definition.personas?.length ?? 1), 0);
  io.stdout.write(
    `${project.configFile}: valid — ${project.probes.length} probes, ${project.personas.size} personas, ` +
      `${Object.keys(project.targets).length} targets, ${runs} probe × persona runs\n`,
  );
  return EXIT.ok;
}
