import { fileURLToPath } from 'node:url';
import type { DemoReport } from './report.js';
import { cli, type RunningSextant } from './sextant-process.js';

export const exampleDirectory = fileURLToPath(new URL('../..', import.meta.url));
export const releaseName = 'support-assistant';

/** The two releases the demo compares: the same prompt and model, 2 or 5 retrieved passages. */
export interface Releases {
  narrow: number;
  wide: number;
  model: string;
}

/** Develop: the prompt lives in a file in git; releases pin it with a model and retriever settings. */
export async function develop(sextant: RunningSextant, model: string, report: DemoReport): Promise<Releases> {
  report.phase('Develop', 'push the prompt from its file and cut two releases');
  report.detail(
    await cli(sextant, ['prompts', 'push', 'prompts', '--label', 'production'], { cwd: exampleDirectory }),
  );
  const create = async (topK: number, description: string) => {
    const output = await cli(sextant, [
      'releases',
      'create',
      releaseName,
      '--prompt',
      'support-answer@production',
      '--model',
      `generator=${model}`,
      '--model',
      'embedder=sextant/use-lite-en',
      '--retriever',
      `top_k=${topK}`,
      '--description',
      description,
    ]);
    const version = Number(new RegExp(`${releaseName}@(\\d+)`).exec(output)?.[1]);
    if (!Number.isInteger(version)) throw new Error(`could not read the release version from:\n${output}`);
    return version;
  };
  const narrow = await create(2, 'hybrid retrieval, 2 passages');
  const wide = await create(5, 'hybrid retrieval, 5 passages');
  report.outcome(
    `pushed prompt support-answer; releases ${releaseName}@${narrow} (top_k 2) and @${wide} (top_k 5)`,
  );
  return { narrow, wide, model };
}
