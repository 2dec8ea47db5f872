// What a command may touch of the outside world; tests pass their own.
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

export const processIO = (): CliIO => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
