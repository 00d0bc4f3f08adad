import fs from 'node:fs';
import { type ModelFilterInput, modelFilterSchema, SextantError } from '@sextant/core';
import type { ModelService } from '@sextant/server';
import { type Command, Option } from 'commander';
import { databaseOption, jsonOption } from '../options.js';
import {
  formatModelCard,
  formatModelComparison,
  formatModelList,
  formatPrice,
} from '../output/format-model.js';
import { formatTable } from '../output/format-table.js';
import { registerBakeoffCommand } from './bakeoff.js';
import {
  parseNumber,
  projectOption,
  requireProject,
  type StoreOptions,
  withModels,
} from './model-command-support.js';
import { registerModelCredentialCommands } from './model-credentials.js';
import { registerModelPullCommand } from './models-pull.js';
import { print } from './projects.js';

/** Filters shared by `list` and `search`. */
function addFilters(command: Command): Command {
  return command
    .option('--provider <ids>', 'comma-separated provider ids, e.g. openai,anthropic')
    .option('--max-input-price <usd>', 'highest input price, dollars per million tokens', parseNumber)
    .option('--max-output-price <usd>', 'highest output price, dollars per million tokens', parseNumber)
    .option('--min-context <tokens>', 'smallest context window', parseNumber)
    .option('--capability <names>', 'all of: tools, structuredOutput, vision, reasoning (comma-separated)')
    .addOption(
      new Option('--source <source>', 'where models come from').choices(['catalog', 'endpoint', 'gguf']),
    )
    .option('--open-weights', 'only models with open weights')
    .addOption(
      new Option('--sort <field>', 'sort by')
        .choices(['id', 'inputPrice', 'outputPrice', 'context', 'releaseDate'])
        .default('id'),
    )
    .option('--limit <n>', 'rows to show', parseNumber, 50)
    .addOption(databaseOption())
    .addOption(projectOption())
    .addOption(jsonOption());
}

interface FilterOptions extends StoreOptions {
  provider?: string;
  maxInputPrice?: number;
  maxOutputPrice?: number;
  minContext?: number;
  capability?: string;
  source?: 'catalog' | 'endpoint' | 'gguf';
  openWeights?: boolean;
  sort: ModelFilterInput['sort'];
  limit: number;
  json?: boolean;
}

async function listModels(options: FilterOptions, q?: string) {
  const parsed = modelFilterSchema.safeParse({
    q,
    provider: options.provider,
    maxInputPrice: options.maxInputPrice,
    maxOutputPrice: options.maxOutputPrice,
    minContext: options.minContext,
    capability: options.capability,
    source: options.source,
    openWeights: options.openWeights ? 'true' : undefined,
    sort: options.sort,
    limit: options.limit,
  });
  if (!parsed.success)
    throw new SextantError('bad_request', parsed.error.issues.map((issue) => issue.message).join('; '));
  const { models, total } = await withModels(options, (service) =>
    service.list(options.project, parsed.data),
  );
  if (options.json) return print(JSON.stringify(models, null, 2));
  print(formatModelList(models));
  print(
    `\n${models.length} shown of ${total} models${models.length === options.limit ? ` (raise --limit to see more)` : ''}`,
  );
}

export function registerModelCommands(program: Command) {
  const models = program
    .command('models')
    .description(
      'The model garden: catalog, your own models, aliases and provider credentials (runs on the store directly)',
    );
  registerBakeoffCommand(models);

  addFilters(models.command('list').description('List models, filtered and sorted'))
    .addHelpText(
      'after',
      '\nExamples:\n  sextant models list --provider openai --capability tools,vision --sort inputPrice\n  sextant models list --min-context 1000000 --max-input-price 1',
    )
    .action((options: FilterOptions) => listModels(options));

  addFilters(
    models
      .command('search <words...>')
      .description('Find models whose id, name or provider contain all the words'),
  )
    .addHelpText('after', '\nExample:\n  sextant models search claude haiku')
    .action((words: string[], options: FilterOptions) => listModels(options, words.join(' ')));

  models
    .command('show <id>')
    .description('Everything known about one model')
    .addOption(databaseOption())
    .addOption(projectOption())
    .addOption(jsonOption())
    .action(async (id: string, options: StoreOptions & { json?: boolean }) => {
      const card = await withModels(options, (service) => service.get(options.project, id));
      print(options.json ? JSON.stringify(card, null, 2) : formatModelCard(card));
    });

  models
    .command('compare <ids...>')
    .description('Models side by side')
    .addOption(databaseOption())
    .addOption(projectOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExample:\n  sextant models compare openai/gpt-4o-mini anthropic/claude-3-5-haiku-20241022 google/gemini-2.5-flash',
    )
    .action(async (ids: string[], options: StoreOptions & { json?: boolean }) => {
      const cards = await withModels(options, (service) => service.compare(options.project, ids));
      print(options.json ? JSON.stringify(cards, null, 2) : formatModelComparison(cards));
    });

  models
    .command('add')
    .description(
      'Add your own models: an OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp, LM Studio) or a GGUF file',
    )
    .option('--endpoint <url>', 'OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1')
    .option('--provider <id>', 'provider id for the endpoint, e.g. ollama')
    .option('--model <ids...>', 'model ids the endpoint serves')
    .option('--api-key-env <variable>', "environment variable holding the endpoint's key")
    .option(
      '--input-price <usd>',
      'dollars per million input tokens (local endpoints default to free)',
      parseNumber,
    )
    .option('--output-price <usd>', 'dollars per million output tokens', parseNumber)
    .option('--context <tokens>', 'context window', parseNumber)
    .option('--gguf <file>', 'a GGUF model file to run in-process')
    .option('--id <id>', 'model id for the GGUF file (default local/<file name>)')
    .option('--threads <n>', 'CPU threads for the GGUF model', parseNumber, 1)
    .addOption(databaseOption())
    .addOption(projectOption())
    .addHelpText(
      'after',
      '\nExamples:\n  sextant models add --endpoint http://127.0.0.1:11434/v1 --provider ollama --model llama3.2 qwen3:0.6b\n  sextant models add --gguf ./models/qwen3-0.6b-q8_0.gguf --threads 2',
    )
    .action(async (options: StoreOptions & AddOptions) => {
      await requireProject(options);
      const added = await withModels(options, (service) => addModels(service, options));
      for (const card of added)
        print(
          `Added ${card.id} (${card.source}; in ${formatPrice(card.pricing.input)}, out ${formatPrice(card.pricing.output)} per million tokens)`,
        );
    });

  models
    .command('remove <id>')
    .description("Remove one of the project's own models")
    .addOption(databaseOption())
    .addOption(projectOption())
    .action(async (id: string, options: StoreOptions) => {
      await withModels(options, (service) => service.remove(options.project, id));
      print(`Removed ${id}.`);
    });

  models
    .command('alias <name>')
    .description('Route a name to models in order (fallbacks), with timeout, retries and response cache')
    .requiredOption('--to <ids...>', 'model ids, preferred first')
    .option('--timeout-ms <ms>', 'per attempt', parseNumber, 60_000)
    .option('--retries <n>', 'extra attempts per model on retryable errors', parseNumber, 2)
    .option('--cache-ttl <seconds>', 'exact-match response cache lifetime (0: off)', parseNumber, 0)
    .addOption(databaseOption())
    .addOption(projectOption())
    .addHelpText(
      'after',
      '\nExample:\n  sextant models alias support-chat --to openai/gpt-4o-mini anthropic/claude-3-5-haiku-20241022 --cache-ttl 300',
    )
    .action(
      async (
        name: string,
        options: StoreOptions & { to: string[]; timeoutMs: number; retries: number; cacheTtl: number },
      ) => {
        await requireProject(options);
        const alias = await withModels(options, (service) =>
          service.putAlias(options.project, {
            name,
            targets: options.to,
            timeoutMs: options.timeoutMs,
            maxRetries: options.retries,
            cacheTtlSeconds: options.cacheTtl,
          }),
        );
        print(
          `Alias ${alias.name} → ${alias.targets.join(' → ')} (timeout ${alias.timeoutMs} ms, ${alias.maxRetries} retries, cache ${alias.cacheTtlSeconds} s)`,
        );
      },
    );

  models
    .command('aliases')
    .description("List the project's aliases")
    .addOption(databaseOption())
    .addOption(projectOption())
    .addOption(jsonOption())
    .action(async (options: StoreOptions & { json?: boolean }) => {
      const aliases = await withModels(options, (service) => service.listAliases(options.project));
      if (options.json) return print(JSON.stringify(aliases, null, 2));
      print(
        formatTable(
          ['ALIAS', 'MODELS', 'TIMEOUT', 'RETRIES', 'CACHE'],
          aliases.map((alias) => [
            alias.name,
            alias.targets.join(' → '),
            `${alias.timeoutMs} ms`,
            String(alias.maxRetries),
            `${alias.cacheTtlSeconds} s`,
          ]),
        ),
      );
    });

  models
    .command('refresh')
    .description(
      'Replace the catalog with a newer snapshot file (models.dev api.json format); never downloads',
    )
    .option('--from <file>', 'snapshot file')
    .option('--bundled', 'the snapshot bundled with this Sextant')
    .addOption(databaseOption())
    .action(async (options: { db: string; from?: string; bundled?: boolean }) => {
      if (!options.from === !options.bundled)
        throw new SextantError('bad_request', 'pass either --from FILE or --bundled');
      const changes = await withModels({ db: options.db, project: 'default' }, async (service) => {
        if (options.bundled) return service.refreshFromBundled();
        let snapshot: unknown;
        try {
          snapshot = JSON.parse(fs.readFileSync(options.from!, 'utf8'));
        } catch (error) {
          throw new SextantError(
            'bad_request',
            `cannot read ${options.from} as JSON: ${(error as Error).message}`,
          );
        }
        return service.refreshCatalog(snapshot);
      });
      print(
        `Catalog: ${changes.total} models (${changes.added} added, ${changes.updated} updated, ${changes.removed} removed, ${changes.unchanged} unchanged)` +
          (changes.skipped.length > 0
            ? `\nSkipped ${changes.skipped.length} malformed: ${changes.skipped.slice(0, 5).join('; ')}`
            : ''),
      );
    });

  registerModelPullCommand(models);
  registerModelCredentialCommands(models);
}

interface AddOptions {
  endpoint?: string;
  provider?: string;
  model?: string[];
  apiKeyEnv?: string;
  inputPrice?: number;
  outputPrice?: number;
  context?: number;
  gguf?: string;
  id?: string;
  threads: number;
}

async function addModels(service: ModelService, options: StoreOptions & AddOptions) {
  if (options.gguf && options.endpoint)
    throw new SextantError('bad_request', 'pass either --endpoint or --gguf, not both');
  if (options.gguf)
    return [
      await service.addGguf(options.project, {
        file: options.gguf,
        id: options.id,
        threads: options.threads,
      }),
    ];
  if (!options.endpoint || !options.provider || !options.model) {
    throw new SextantError(
      'bad_request',
      'an endpoint needs --endpoint URL, --provider ID and --model ID...; a GGUF file needs --gguf FILE',
    );
  }
  return service.addEndpoint(options.project, {
    provider: options.provider,
    baseUrl: options.endpoint,
    models: options.model,
    apiKeyEnv: options.apiKeyEnv,
    pricing: { input: options.inputPrice, output: options.outputPrice },
    contextWindow: options.context,
  });
}
