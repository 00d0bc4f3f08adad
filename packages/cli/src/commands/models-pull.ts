import os from 'node:os';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { createProgressBar } from '../eval/progress-bar.js';
import { parseModelReference, pullModel } from '../models/pull-model.js';
import { databaseOption } from '../options.js';
import {
  parseNumber,
  projectOption,
  requireProject,
  type StoreOptions,
  withModels,
} from './model-command-support.js';
import { print } from './projects.js';

/** `sextant models pull`: a GGUF file from a model hub, checked against its sha256, added as a local model. */
export function registerModelPullCommand(models: Command) {
  models
    .command('pull <reference>')
    .description('Download a GGUF model from a model hub, verify its sha256, and add it as a local model')
    .addOption(
      new Option('--hub <url>', 'model hub (Hugging Face or a mirror)')
        .env('SEXTANT_HUB_URL')
        .default('https://huggingface.co'),
    )
    .addOption(
      new Option('--dir <path>', 'where model files are kept')
        .env('SEXTANT_MODELS_DIR')
        .default(path.join(os.homedir(), '.sextant', 'models')),
    )
    .option('--sha256 <hex>', 'expected checksum (default: the one the hub publishes for the file)')
    .option('--id <id>', 'model id (default local/<file name>)')
    .option('--threads <n>', 'CPU threads for inference', parseNumber, 1)
    .addOption(databaseOption())
    .addOption(projectOption())
    .addHelpText(
      'after',
      '\nExamples:\n  sextant models pull Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf --threads 2\n  SEXTANT_LOCAL_MODEL=~/models/any.gguf npm run demo   # offline: use a file you already have',
    )
    .action(
      async (
        reference: string,
        options: StoreOptions & { hub: string; dir: string; sha256?: string; id?: string; threads: number },
      ) => {
        await requireProject(options);
        const parsed = parseModelReference(reference);
        let bar: ReturnType<typeof createProgressBar> | undefined;
        const pulled = await pullModel(parsed, {
          hubUrl: options.hub,
          directory: options.dir,
          sha256: options.sha256,
          onProgress: (received, total) => {
            if (total === null) return;
            const megabytes = Math.max(1, Math.round(total / 1e6));
            bar ??= createProgressBar(`downloading ${parsed.file} (MB)`, megabytes);
            bar.update(received === total ? megabytes : Math.min(megabytes, Math.floor(received / 1e6)), 0);
          },
        });
        print(
          pulled.reused
            ? `${pulled.file} is already here and verified (sha256 ${pulled.sha256})`
            : `Downloaded ${pulled.file} (${(pulled.bytes / 1e6).toFixed(1)} MB, sha256 ${pulled.sha256} verified)`,
        );
        const card = await withModels(options, (service) =>
          service.addGguf(options.project, { file: pulled.file, id: options.id, threads: options.threads }),
        );
        print(`Added ${card.id}; call it through the gateway or pick it in the playground.`);
      },
    );
}
