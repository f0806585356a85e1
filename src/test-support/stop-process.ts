import type { ChildProcess } from 'node:child_process';

/** Sends a signal to a child process and resolves once it has exited. */
export const stopped = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill(signal);
  });
