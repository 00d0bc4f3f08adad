import { SextantError } from '@sextant/core';
import { copySqliteToPostgres, type TableCopyResult } from '@sextant/store';
import type { Command } from 'commander';
import { createProgressBar } from '../eval/progress-bar.js';
import { formatTable } from '../output/format-table.js';

const parseSource = (value: string) => {
  const file = value.replace(/^sqlite:/, '');
  if (/^postgres(ql)?:\/\//.test(value) || file === '') {
    throw new SextantError(
      'bad_request',
      `--from '${value}' is not a SQLite store; give sqlite:PATH or a file path`,
    );
  }
  return file;
};

const parseTarget = (value: string) => {
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new SextantError(
      'bad_request',
      `--to '${value}' is not a PostgreSQL URL; give postgres://user:password@host:5432/database`,
    );
  }
  return value;
};

/** The per-table verification as people read it: counts, checksums, and a verdict per row. */
export function formatCopyResults(results: readonly TableCopyResult[]): string {
  return formatTable(
    ['table', 'sqlite rows', 'postgres rows', 'sqlite checksum', 'postgres checksum', 'check'],
    results.map((result) => [
      result.table,
      String(result.sourceRows),
      String(result.targetRows),
      result.sourceChecksum,
      result.targetChecksum,
      result.matches ? 'ok' : 'MISMATCH',
    ]),
  );
}

export function registerDbCommands(program: Command) {
  const db = program.command('db').description('Move a store between databases');
  db.command('migrate')
    .description(
      'Copy an embedded SQLite store into PostgreSQL, then verify every table (row counts and checksums)',
    )
    .requiredOption(
      '--from <sqlite:PATH>',
      'the SQLite store to copy (sqlite:PATH or a file path)',
      parseSource,
    )
    .requiredOption('--to <postgres://...>', 'the PostgreSQL database (optionally ?schema=NAME)', parseTarget)
    .option('--force', 'replace what the target already holds (it is emptied first)')
    .addHelpText(
      'after',
      '\nThe source is only read. The target must be empty unless --force is given.\n' +
        'Example:\n  sextant db migrate --from sqlite:./.sextant/sextant.db --to postgres://sextant@db:5432/sextant\n' +
        'Then start servers with --db postgres://sextant@db:5432/sextant (or SEXTANT_DB).',
    )
    .action(async (options: { from: string; to: string; force?: boolean }) => {
      let bar: ReturnType<typeof createProgressBar> | null = null;
      let current = '';
      const results = await copySqliteToPostgres(options.from, options.to, {
        force: options.force ?? false,
        onProgress: ({ table, copied, total }) => {
          if (table !== current) {
            current = table;
            bar = createProgressBar(`copying ${table}`, total);
          }
          bar?.update(copied, 0);
        },
      });
      process.stdout.write(`${formatCopyResults(results)}\n`);
      const failed = results.filter((result) => !result.matches);
      if (failed.length > 0) {
        throw new SextantError(
          'internal',
          `${failed.length} table(s) differ after the copy (${failed.map((result) => result.table).join(', ')}); ` +
            'do not switch to the PostgreSQL store; run again with --force',
        );
      }
      const rows = results.reduce((sum, result) => sum + result.targetRows, 0);
      process.stdout.write(
        `copied ${rows} rows in ${results.length} tables; every count and checksum matches\n`,
      );
    });
}
