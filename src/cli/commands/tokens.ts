import type { Command } from 'commander';
import { Option } from 'commander';
import { ROLES, TokenError, type Role } from '../../store/tokens.js';
import { renderTable } from '../../render/table.js';
import { dbOption, readStore, withStore } from '../db-option.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { jsonOption, writeJson } from '../output.js';

/** `caravan tokens create | list | revoke`: the API tokens of the store the server runs on. */
export function registerTokens(program: Command, context: CliContext): void {
  const tokens = program
    .command('tokens')
    .description('API tokens for `caravan serve`: viewer (read), steward (imports), admin; kept as hashes');

  tokens
    .command('create')
    .description('create a token and print it once (only its hash is kept): send it as `Authorization: Bearer TOKEN`')
    .argument('<name>', 'who or what holds the token, e.g. "statistics office"')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).default('viewer'))
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (name: string, options: { role: Role; db?: string; json?: boolean }) => {
      const created = await withStore(options.db, (store) =>
        store.tokens.create(name, options.role).catch((error: unknown) => {
          if (error instanceof TokenError) throw new UsageError(error.message);
          throw error;
        }),
      );
      if (options.json) return writeJson(context.io.stdout, { token: created.token, ...created.info });
      context.io.stdout.write(`${created.token}\n`);
      context.io.stderr.write(
        `note: token ${created.info.tokenId} for "${name}" (${options.role}); it is shown only now, keep it secret\n`,
      );
    });

  tokens
    .command('list')
    .description('list the tokens: id, name, role, created, revoked (never the tokens themselves)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean }) => {
      const list = await readStore(options.db, [], (store) => store.tokens.list());
      if (options.json) return writeJson(context.io.stdout, { tokens: list });
      if (list.length === 0) return void context.io.stdout.write('no tokens: `caravan tokens create NAME` makes one\n');
      const rows = list.map((t) => [t.tokenId, t.name, t.role, t.createdAt, t.revokedAt ?? '']);
      context.io.stdout.write(`${renderTable(['id', 'name', 'role', 'created', 'revoked'], rows)}\n`);
    });

  tokens
    .command('revoke')
    .description('revoke a token by id: the server refuses it from its next request on')
    .argument('<id>', 'the token, by the id `caravan tokens list` shows')
    .addOption(dbOption())
    .action(async (id: string, options: { db?: string }) => {
      if (!/^[1-9][0-9]{0,9}$/.test(id))
        throw new UsageError(`token id: expected a positive whole number, got "${id}"`);
      const revoked = await withStore(options.db, (store) => store.tokens.revoke(Number(id)));
      if (!revoked) throw new UsageError(`there is no active token ${id}: \`caravan tokens list\` shows them`);
      context.io.stdout.write(`revoked token ${id}\n`);
    });
}
