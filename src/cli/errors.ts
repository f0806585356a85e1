/** A mistake in how the command was called (unknown node, bad option value): reported plainly, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_INVALID_INPUT = 2;
export const EXIT_INTERNAL_ERROR = 1;
