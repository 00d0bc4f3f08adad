import fs from 'node:fs';
import path from 'node:path';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { exampleDirectory } from './develop.js';
import type { DemoReport } from './report.js';
import { cli, type RunningSextant } from './sextant-process.js';

interface Contender {
  model: string;
  experimentId: string;
  quality: { estimate: number; lower: number; upper: number } | null;
  costPerRun: number | null;
  latencyMs: { p50: number; p95: number } | null;
  onFront: boolean;
}

export interface Bakeoff {
  id: string;
  contenders: Contender[];
}

const contextDataset = 'support-qa-with-context';

/**
 * The bake-off asks every candidate model the same questions with the same retrieved passages (so only
 * the answer step differs), through the gateway, and reports quality with intervals, cost and latency.
 * It needs two candidates; with one, it says how to add another.
 */
export async function bakeoff(
  sextant: RunningSextant,
  retriever: HybridRetriever,
  models: readonly string[],
  demoDirectory: string,
  report: DemoReport,
): Promise<Bakeoff | null> {
  if (models.length < 2) {
    report.detail(
      'bake-off skipped: only one model is available here; set SEXTANT_LOCAL_MODEL=path/to/model.gguf, ' +
        'or add an Ollama server with `sextant models add --endpoint ...`, and run the demo again',
    );
    return null;
  }
  const questions = fs
    .readFileSync(path.join(exampleDirectory, 'data', 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; input: { question: string }; expectedOutput: string })
    // Every other question: enough for intervals that separate the models, half the time of all 42.
    .filter((_, index) => index % 2 === 0);
  const lines: string[] = [];
  for (const item of questions) {
    const passages = await retriever.retrieve(item.input.question, 3);
    const context = passages.map((passage) => `### ${passage.title}\n${passage.text}`).join('\n\n');
    lines.push(JSON.stringify({ ...item, input: { question: item.input.question, context } }));
  }
  const file = path.join(demoDirectory, `${contextDataset}.jsonl`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await cli(sextant, [
    'datasets',
    'create',
    contextDataset,
    '--description',
    'support questions with their retrieved passages',
  ]);
  await cli(sextant, ['datasets', 'import', contextDataset, file]);
  const output = await cli(sextant, [
    'models',
    'bakeoff',
    '--dataset',
    contextDataset,
    '--models',
    models.join(','),
    '--prompt',
    'support-answer@production',
    '--evaluators',
    'token-f1',
    '--max-tokens',
    '48',
    '--json',
  ]);
  const result = JSON.parse(output) as Bakeoff;
  for (const contender of result.contenders) {
    const quality = contender.quality
      ? `${contender.quality.estimate.toFixed(3)} [${contender.quality.lower.toFixed(3)}, ${contender.quality.upper.toFixed(3)}]`
      : 'n/a';
    report.detail(
      `${contender.model.padEnd(30)} token F1 ${quality}  $${(contender.costPerRun ?? 0).toFixed(5)}/run  ` +
        `p95 ${contender.latencyMs?.p95.toFixed(0) ?? '?'} ms${contender.onFront ? '  (Pareto front)' : ''}`,
    );
  }
  const best = [...result.contenders].sort(
    (a, b) => (b.quality?.estimate ?? 0) - (a.quality?.estimate ?? 0),
  )[0];
  report.outcome(
    `bake-off of ${result.contenders.length} models on the same passages: best is ${best?.model}`,
  );
  return result;
}
