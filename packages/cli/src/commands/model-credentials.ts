import { SextantError } from '@sextant/core';
import type { Command } from 'commander';
import { databaseOption, jsonOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { projectOption, requireProject, type StoreOptions, withModels } from './model-command-support.js';
import { print } from './projects.js';

/** `sextant models credentials set|list`: provider credentials, stored encrypted, never printed. */
export function registerModelCredentialCommands(models: Command) {
  const credentials = models
    .command('credentials')
    .description('Provider credentials, stored encrypted (never printed)');
  credentials
    .command('set <provider>')
    .description('Store a provider credential read from standard input (or --from-env), encrypted at rest')
    .option('--from-env <variable>', 'read the credential from this environment variable instead of stdin')
    .addOption(databaseOption())
    .addOption(projectOption())
    .addHelpText(
      'after',
      '\nExample:\n  printf %s "$ANTHROPIC_API_KEY" | sextant models credentials set anthropic',
    )
    .action(async (provider: string, options: StoreOptions & { fromEnv?: string }) => {
      await requireProject(options);
      const secret = options.fromEnv ? process.env[options.fromEnv] : await readStdin();
      if (!secret) {
        throw new SextantError(
          'bad_request',
          options.fromEnv ? `${options.fromEnv} is not set` : 'no credential on standard input',
        );
      }
      await withModels(options, (service) => service.setCredential(options.project, provider, secret));
      print(`Stored the ${provider} credential for project '${options.project}' (encrypted).`);
    });
  credentials
    .command('list')
    .description('Providers and where their credentials come from')
    .addOption(databaseOption())
    .addOption(projectOption())
    .addOption(jsonOption())
    .action(async (options: StoreOptions & { json?: boolean }) => {
      const providers = await withModels(options, (service) => service.listProviders(options.project));
      if (options.json) return print(JSON.stringify(providers, null, 2));
      print(
        formatTable(
          ['PROVIDER', 'NAME', 'PROTOCOL', 'CREDENTIAL', 'VARIABLE', 'MODELS'],
          providers.map((row) => [
            row.provider,
            row.name,
            row.protocol,
            row.credential,
            row.credentialEnv[0] ?? '',
            String(row.models),
          ]),
        ),
      );
    });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new SextantError(
      'bad_request',
      'pipe the credential on standard input, or pass --from-env VARIABLE',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}
