// What a command may touch of the outside world; tests pass their own.
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  /** Environment variables a command reads (CI detection); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export const processIO = (): CliIO => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
