import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

/** What a token lets its holder do; each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleAllows = (held: Role, needed: Role): boolean => ROLES.indexOf(held) >= ROLES.indexOf(needed);

/** Who made a request: the token's id, name and role. */
export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

export interface TokenInfo extends Principal {
  createdAt: string;
  revokedAt?: string;
}

const scryptAsync = promisify(scrypt) as (secret: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_BYTES = 32;
/** `cvn_<id>_<secret>`: the id finds the row, the 32 random bytes of the secret are what is hashed. */
const TOKEN_PATTERN = /^cvn_([1-9][0-9]{0,9})_([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[\p{L}\p{N}._@ -]{1,80}$/u;

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/**
 * API tokens kept in the store as scrypt hashes with their own salt. Verifying one costs a scrypt (tens of
 * milliseconds), so a verified token is remembered by its SHA-256 for the life of the process; revocation is still
 * seen at once, since the row is read on every request.
 */
export class TokenRegistry {
  private readonly verified = new Map<string, number>();

  constructor(private readonly db: Kysely<Tables>) {}

  /** A new token: the text is returned here, once, and never stored. */
  async create(name: string, role: Role): Promise<{ token: string; info: TokenInfo }> {
    if (!NAME_PATTERN.test(name))
      throw new TokenError(`token name "${name.slice(0, 80)}": expected 1 to 80 letters, digits, spaces or ._@-`);
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16);
    const hash = await scryptAsync(secret, salt, KEY_BYTES);
    const createdAt = new Date().toISOString();
    const row = await this.db
      .insertInto('api_tokens')
      .values({ name, role, salt: salt.toString('hex'), hash: hash.toString('hex'), created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokenId = Number(row.id);
    return { token: `cvn_${tokenId}_${secret}`, info: { tokenId, name, role, createdAt } };
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
    return rows.map((row) => ({
      tokenId: Number(row.id),
      name: row.name,
      role: row.role as Role,
      createdAt: row.created_at,
      ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    }));
  }

  /** Revokes a token by id; false when there is no such token or it was revoked already. */
  async revoke(tokenId: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Whether any token is still valid: a server reachable from other machines needs one to be of use. */
  async anyActive(): Promise<boolean> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select('id')
      .where('revoked_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The holder of a token, or undefined when the text is not a valid, unrevoked token. */
  async verify(text: string): Promise<Principal | undefined> {
    const match = TOKEN_PATTERN.exec(text);
    if (match === null) return undefined;
    const tokenId = Number(match[1]);
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const principal = { tokenId, name: row.name, role: row.role as Role };
    const digest = createHash('sha256').update(text).digest('hex');
    if (this.verified.get(digest) === tokenId) return principal;
    const expected = Buffer.from(row.hash, 'hex');
    const actual = await scryptAsync(match[2]!, Buffer.from(row.salt, 'hex'), KEY_BYTES);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    if (this.verified.size > 1000) this.verified.clear();
    this.verified.set(digest, tokenId);
    return principal;
  }
}
