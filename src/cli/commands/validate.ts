// `payloadwatch validate`: load and check everything, run nothing (for CI linting).
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';
import { plural } from '../../text/plural.ts';

export async function validateCommand(options: { config?: string }, io: CliIO): Promise<ExitCode> {
  const project = await loadOrReport(options.config, io);
  if (!project) return EXIT.usage;
  const runs = project.probes.reduce((n, p) => n + (p.definition.personas?.length ?? 1), 0);
  io.stdout.write(
    `${project.configFile}: valid — ${plural(project.probes.length, 'probe')}, ${plural(project.personas.size, 'persona')}, ` +
      `${plural(Object.keys(project.targets).length, 'target')}, ${plural(runs, 'probe × persona run')}\n`,
  );
  return EXIT.ok;
}
