import type { Command } from 'commander';
import { databaseOption, jsonOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { print, withStore } from './projects.js';

export function registerKeyCommands(program: Command) {
  const keys = program
    .command('keys')
    .description("Manage a project's API keys (runs on the store directly)");

  keys
    .command('list')
    .description('List the API keys of a project (prefixes only; keys are never stored in clear)')
    .requiredOption('--project <id>', 'project id')
    .addOption(databaseOption())
    .addOption(jsonOption())
    .action(async (options: { project: string; db: string; json?: boolean }) => {
      await withStore(options.db, async (service) => {
        await service.requireProject(options.project);
        const rows = await service.listApiKeys(options.project);
        if (options.json) return print(JSON.stringify(rows, null, 2));
        print(
          formatTable(
            ['ID', 'NAME', 'PREFIX', 'CREATED', 'STATUS'],
            rows.map((row) => [
              row.id,
              row.name,
              `${row.prefix}…`,
              row.createdAt.toISOString(),
              row.revokedAt ? 'revoked' : 'active',
            ]),
          ),
        );
      });
    });

  keys
    .command('create')
    .description('Create an API key; it is printed once')
    .requiredOption('--project <id>', 'project id')
    .option('--name <name>', 'what the key is for', 'cli')
    .addOption(databaseOption())
    .action(async (options: { project: string; name: string; db: string }) => {
      await withStore(options.db, async (service) => {
        const created = await service.createApiKey(options.project, options.name);
        print(created.key);
        process.stderr.write(
          `Created key ${created.record.id} for project '${options.project}'. It is shown only now.\n`,
        );
      });
    });

  keys
    .command('revoke <keyId>')
    .description('Revoke an API key; servers stop accepting it within seconds')
    .requiredOption('--project <id>', 'project id')
    .addOption(databaseOption())
    .action(async (keyId: string, options: { project: string; db: string }) => {
      await withStore(options.db, async (service) => {
        await service.revokeApiKey(options.project, keyId);
        print(`Revoked key ${keyId}.`);
      });
    });
}
