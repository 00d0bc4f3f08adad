import { ProjectService } from '@sextant/server';
import { openStore } from '@sextant/store';
import type { Command } from 'commander';
import { databaseOption, jsonOption } from '../options.js';
import { formatTable } from '../output/format-table.js';

/** Local administration: runs against the store file directly, like the server's own admin. */
export function registerProjectCommands(program: Command) {
  const projects = program
    .command('projects')
    .description('Create and list projects (runs on the store directly)');

  projects
    .command('list')
    .description('List projects')
    .addOption(databaseOption())
    .addOption(jsonOption())
    .action(async (options: { db: string; json?: boolean }) => {
      await withStore(options.db, async (service) => {
        const rows = await service.listProjects();
        if (options.json) return print(JSON.stringify(rows, null, 2));
        print(
          formatTable(
            ['ID', 'NAME', 'CREATED'],
            rows.map((row) => [row.id, row.name, row.createdAt.toISOString()]),
          ),
        );
      });
    });

  projects
    .command('create <id>')
    .description('Create a project and its first API key')
    .option('--name <name>', 'display name (default: the id)')
    .addOption(databaseOption())
    .addHelpText('after', '\nExample:\n  sextant projects create support-bot --name "Support bot"')
    .action(async (id: string, options: { db: string; name?: string }) => {
      await withStore(options.db, async (service) => {
        const project = await service.createProject(id, options.name ?? id);
        const created = await service.createApiKey(project.id, 'first key');
        print(`Created project '${project.id}'. Its API key is shown only now; save it:\n  ${created.key}`);
      });
    });
}

export async function withStore<T>(
  location: string,
  run: (service: ProjectService) => Promise<T>,
): Promise<T> {
  const store = openStore(location);
  try {
    return await run(new ProjectService(store));
  } finally {
    await store.close();
  }
}

export const print = (text: string) => {
  process.stdout.write(`${text}\n`);
};
