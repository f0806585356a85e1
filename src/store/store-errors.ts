/** How the store failed, when the failure is the store's (or its disk's, or its server's) and not a bug. */
export type StoreFaultKind = 'unavailable' | 'full' | 'read-only' | 'busy';

/**
 * A store that cannot do what was asked for a reason outside caravan: the database server is down or dropped the
 * connection, the disk is full, the store is read-only, another writer held the lock too long. Nothing was written
 * (every write is one transaction); the CLI exits 2 and the API answers 503.
 */
export class StoreFaultError extends Error {
  constructor(
    readonly kind: StoreFaultKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreFaultError';
  }

  /** What happened without the driver's own words (which may name hosts or files): for answers to other machines. */
  get brief(): string {
    return `${WHAT[this.kind]}; nothing was written`;
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const CONNECTION_MESSAGES =
  /connection terminated|not queryable|connection (?:error|refused|reset)|timeout exceeded when trying to connect/i;

const WHAT: Record<StoreFaultKind, string> = {
  unavailable: 'the store is unavailable (its database server is down or dropped the connection)',
  full: 'the store is full: its disk (or its size limit) has no room left',
  'read-only': 'the store is read-only: it cannot be written to here',
  busy: 'the store is busy: another import held its write lock for too long',
};

/** The kind of store fault an error is, or undefined when it is something else. */
export function storeFaultKind(error: unknown): StoreFaultKind | undefined {
  if (error instanceof StoreFaultError) return error.kind;
  if (typeof error !== 'object' || error === null) return undefined;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === '25006') return 'read-only';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'busy';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'unavailable';
  // PostgreSQL: class 08 (connection exception), 57P0x (the server shut down or is starting), 53xxx (resources).
  if (/^08|^57P0[1-3]$|^53/.test(code)) return code.startsWith('53') ? 'full' : 'unavailable';
  if (CONNECTION_CODES.has(code) || CONNECTION_MESSAGES.test(message)) return 'unavailable';
  return undefined;
}

/** The error as a StoreFaultError when it is a store fault; any other error unchanged. */
export function asStoreFault(error: unknown): unknown {
  if (error instanceof StoreFaultError) return error;
  const kind = storeFaultKind(error);
  if (kind === undefined) return error;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new StoreFaultError(kind, `${WHAT[kind]}; nothing was written (${reason})`, error);
}
