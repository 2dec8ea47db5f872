// Loads the project for a command; prints diagnostics (errors and warnings) to stderr.
import { loadProject } from '../config/load-project.ts';
import type { Project } from '../config/project.ts';
import type { CliIO } from './cli-io.ts';
import { printDiagnostics } from './print-diagnostics.ts';

export async function loadOrReport(configPath: string | undefined, io: CliIO): Promise<Project | undefined> {
  const { project, diagnostics } = await loadProject({ ...(configPath ? { config: configPath } : {}), cwd: io.cwd });
  if (diagnostics.length) printDiagnostics(diagnostics, io.stderr);
  return project;
}
