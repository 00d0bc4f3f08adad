import { contains, embeddingSimilarity, tokenF1 } from '@sextant/core/evaluators';
import type { SextantHandle } from '@sextant/sdk';
import { runExperiment } from '@sextant/sdk';
import type OpenAI from 'openai';
import { gatewayEmbedder } from '../assistant/gateway-client.js';
import { loadAssistant, registryFor } from '../assistant/load-assistant.js';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { exampleDirectory, type Releases, releaseName } from './develop.js';
import type { DemoReport } from './report.js';
import { api, cli, type RunningSextant } from './sextant-process.js';

export const datasetName = 'support-qa';

interface MetricComparison {
  name: string;
  meanBaseline: number;
  meanCandidate: number;
  meanDifference: number;
  interval: { lower: number; upper: number; level: number };
  pValue: { twoSided: number };
}

export interface Evaluation {
  experiments: { narrow: string; wide: string };
  /** The release the evidence favours (the wider one on ties: more context rarely hurts an extractor). */
  better: 'narrow' | 'wide';
  comparison: MetricComparison[];
}

/**
 * Evaluate: the same questions through both releases, scored end to end (token F1 and meaning
 * similarity against the expected answer) and per component (did retrieval bring the passage that holds
 * the answer?), then compared on the same items with paired intervals.
 */
export async function evaluate(
  context: { sextant: RunningSextant; client: OpenAI; retriever: HybridRetriever; tracing: SextantHandle },
  releases: Releases,
  report: DemoReport,
): Promise<Evaluation> {
  const { sextant, client, retriever, tracing } = context;
  report.phase('Evaluate', 'which release answers better, end to end and per component?');
  await cli(sextant, [
    'datasets',
    'create',
    datasetName,
    '--description',
    'Questions about Sextant with the answer sentence from its docs',
  ]);
  report.detail(
    await cli(
      sextant,
      [
        'datasets',
        'import',
        datasetName,
        'data/questions.jsonl',
        '-m',
        'support questions with answers from the docs',
      ],
      { cwd: exampleDirectory },
    ),
  );
  const registry = registryFor(sextant.url, sextant.apiKey);
  const embed = gatewayEmbedder(client);
  const evaluators = [
    tokenF1({ threshold: 0.5 }),
    embeddingSimilarity({ embed, embedderId: 'sextant/use-lite-en', threshold: 0.8 }),
    // Component score: the expected answer is a sentence of the docs, so the retrieval span's documents
    // either contain it or they do not.
    {
      evaluator: contains({ name: 'context-recall' }),
      target: { kind: 'retrieval' as const, field: 'documents' as const },
    },
  ];
  const run = async (version: number, label: string) => {
    const assistant = await loadAssistant(registry, client, retriever, { name: releaseName, version });
    const result = await runExperiment({
      endpoint: sextant.url,
      apiKey: sextant.apiKey,
      sextant: tracing,
      dataset: datasetName,
      name: `${releaseName}@${version} (${label})`,
      release: { name: releaseName, version },
      task: async (input) =>
        (await assistant.answer(String((input as { question: string }).question))).answer,
      evaluators,
      repeats: 1,
      concurrency: 4,
    });
    report.detail(`${result.experiment.name}: ${result.runs} runs, ${result.errors} errors`);
    return result.experiment.id;
  };
  const narrow = await run(releases.narrow, 'top_k 2');
  const wide = await run(releases.wide, 'top_k 5');
  const { comparison } = await api<{ comparison: { metrics: MetricComparison[] } }>(
    sextant,
    'GET',
    `/api/experiments/compare?baseline=${narrow}&candidate=${wide}`,
  );
  for (const metric of comparison.metrics) {
    report.detail(
      `${metric.name.padEnd(22)} top_k 2: ${metric.meanBaseline.toFixed(3)}  top_k 5: ${metric.meanCandidate.toFixed(3)}  ` +
        `difference ${signed(metric.meanDifference)} [${signed(metric.interval.lower)}, ${signed(metric.interval.upper)}] p=${metric.pValue.twoSided.toFixed(3)}`,
    );
  }
  const f1 = comparison.metrics.find((metric) => metric.name === 'token-f1');
  const better = f1 && f1.meanDifference < 0 && f1.interval.upper < 0 ? 'narrow' : 'wide';
  report.outcome(
    `experiments ${narrow} (top_k 2) and ${wide} (top_k 5) scored ${comparison.metrics.length} metrics; ` +
      `token F1 difference ${signed(f1?.meanDifference ?? 0)}; release to promote: top_k ${better === 'wide' ? 5 : 2}`,
  );
  return { experiments: { narrow, wide }, better, comparison: comparison.metrics };
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
