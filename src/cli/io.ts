import type { RunningServer } from '../server/listen.js';

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
  /**
   * Receives each server a command starts (`serve`, `start`); whoever sets it stops the server (tests). Without it,
   * the server runs until the process is interrupted.
   */
  onServe?: (server: RunningServer) => void;
}
