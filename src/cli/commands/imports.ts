import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { listImports, RevertError, revertImport } from '../../store/import-log.js';
import { renderTable } from '../../render/table.js';
import { dbOption, readStore, withStore } from '../db-option.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { jsonOption, plural, writeJson } from '../output.js';

/** `caravan imports list | revert ID`: the store's audit log of imports, and undoing one. */
export function registerImports(program: Command, context: CliContext): void {
  const imports = program
    .command('imports')
    .description("the store's log of imports: who imported what, when; undo one");

  imports
    .command('list')
    .description('list every import: id, kind, file, who imported it and when, rows, and whether it was reverted')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean }) => {
      const entries = await readStore(options.db, [], listImports);
      if (options.json) return writeJson(context.io.stdout, { imports: entries });
      if (entries.length === 0) return void context.io.stdout.write('no imports in the store\n');
      const rows = entries.map((entry) => [
        entry.id,
        entry.kind,
        entry.file,
        entry.actor,
        entry.importedAt,
        entry.rowsNew,
        entry.revertedAt === undefined ? '' : `${entry.revertedAt} by ${entry.revertedBy ?? '?'}`,
      ]);
      context.io.stdout.write(`${renderTable(['id', 'kind', 'file', 'by', 'at', 'new rows', 'reverted'], rows)}\n`);
    });

  imports
    .command('revert')
    .description('undo one import in one transaction: its rows leave the store, its log entry stays, marked reverted')
    .argument('<id>', 'the import, by the id `caravan imports list` shows')
    .addOption(dbOption())
    .action(async (id: string, options: { db?: string }) => {
      const importId = Number(id);
      if (!/^[1-9][0-9]{0,9}$/.test(id))
        throw new UsageError(`import id: expected a positive whole number, got "${id}"`);
      const result = await withStore(options.db, (store) =>
        revertImport(store, importId, `cli ${userInfo().username}`).catch((error: unknown) => {
          if (error instanceof RevertError) throw new UsageError(error.message);
          throw error;
        }),
      );
      context.io.stdout.write(`reverted import ${importId}: ${plural(result.rowsRemoved, 'row')} removed\n`);
    });
}
