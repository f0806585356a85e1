/** Anything text can be written to: a process stream in the bin, a string buffer in tests. */
export interface TextOutput {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: TextOutput;
  stderr: TextOutput;
}

/** What every command receives: where to write, and the exit code of a run that ends without an exception. */
export interface CliContext {
  io: CliIo;
  /** Set by a command that completes but must still signal failure (e.g. `network validate` on invalid input). */
  exitCode: number;
}
