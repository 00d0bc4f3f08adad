import type { DemoReport } from './report.js';
import { cli, type RunningSextant } from './sextant-process.js';

/** Model ids the demo can answer with, best known first. */
export interface Candidates {
  models: string[];
}

/**
 * Discover: what could answer support questions here? The catalog's built-in baseline always can;
 * a local GGUF model (SEXTANT_LOCAL_MODEL) is registered when one is configured.
 */
export async function discover(sextant: RunningSextant, report: DemoReport): Promise<Candidates> {
  report.phase('Discover', 'which models can answer support questions here?');
  const garden = await cli(sextant, ['models', 'list', '--limit', '1']);
  const builtins = await cli(sextant, ['models', 'list', '--provider', 'sextant']);
  report.detail(
    `${/of (\d+) models/.exec(garden)?.[1] ?? 'all'} models in the garden; these run here with no key:\n${builtins}`,
  );
  const models = ['sextant/extractive-baseline'];
  const localModel = process.env.SEXTANT_LOCAL_MODEL;
  if (localModel) {
    const threads = process.env.SEXTANT_LOCAL_MODEL_THREADS ?? '2';
    await cli(sextant, [
      'models',
      'add',
      '--gguf',
      localModel,
      '--id',
      'local/demo-model',
      '--threads',
      threads,
    ]);
    models.push('local/demo-model');
    report.outcome(`registered the local GGUF model ${localModel} as local/demo-model (${threads} threads)`);
  }
  report.outcome(`candidate models: ${models.join(', ')} (no API key needed)`);
  return { models };
}
