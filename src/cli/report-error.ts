import { CommanderError } from 'commander';
import { InvalidInputError } from '../model/issues.js';
import { asStoreFault, StoreFaultError } from '../store/store-errors.js';
import { EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { writeIssues } from './issues-output.js';

/**
 * The one place where a failed command becomes output and an exit code. Mistakes in the input or in the command
 * line are the user's to fix and are reported plainly; anything else is a bug in caravan, reported in one line
 * (the stack trace only on request, since it helps the maintainers but not the user).
 */
export function reportError(error: unknown, io: CliIo, env: NodeJS.ProcessEnv = process.env): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the message, the help or the version.
    return error.exitCode === 0 ? 0 : EXIT_INVALID_INPUT;
  }
  if (error instanceof InvalidInputError) {
    writeIssues(io.stderr, error.issues);
    return EXIT_INVALID_INPUT;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT_INVALID_INPUT;
  }
  // A store that is down, full or read-only is the operator's to fix, not a bug: said plainly, exit 2.
  const fault = asStoreFault(error);
  if (fault instanceof StoreFaultError) {
    io.stderr.write(`error: ${fault.message}\n`);
    return EXIT_INVALID_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`internal error: ${message.split('\n')[0] ?? ''}\n`);
  if (env['CARAVAN_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${error.stack}\n`);
  } else {
    io.stderr.write(
      'This is a bug in caravan: please report it with the command you ran (CARAVAN_DEBUG=1 shows the stack trace).\n',
    );
  }
  return EXIT_INTERNAL_ERROR;
}
