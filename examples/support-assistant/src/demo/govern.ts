import type { SextantHandle } from '@sextant/sdk';
import type OpenAI from 'openai';
import { loadAssistant, registryFor } from '../assistant/load-assistant.js';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { releaseName } from './develop.js';
import { productionStream } from './production-stream.js';
import type { DemoReport } from './report.js';
import { api, type RunningSextant } from './sextant-process.js';
import { startWebhookReceiver } from './webhook-receiver.js';

interface DriftFeature {
  feature: string;
  pValue: number;
  adjustedPValue: number;
  drifted: boolean;
  effectSize: { name: string; value: number | null };
}

export interface Governance {
  productionTraces: number;
  onlineScores: number;
  meanOnlineScore: number | null;
  drift: { drifted: boolean; driftedFeatures: string[]; reportId: string };
  alertReceived: boolean;
}

/**
 * Govern: production questions replayed through the release labelled production, scored online as they
 * arrive; halfway through, half of the users start asking about billing, which the docs do not cover.
 * A drift monitor compares the two halves and an alert rule posts to a local Slack-style webhook.
 */
export async function govern(
  context: { sextant: RunningSextant; client: OpenAI; retriever: HybridRetriever; tracing: SextantHandle },
  report: DemoReport,
): Promise<Governance> {
  const { sextant, client, retriever, tracing } = context;
  report.phase('Govern', 'score production online, watch what users ask, alert on drift');
  const webhook = await startWebhookReceiver();
  try {
    await api(sextant, 'POST', '/api/online-evals/rules', {
      name: 'answer-relevance',
      filter: { name: 'support question' },
      sampleRate: 1,
      evaluators: [{ name: 'answer-relevance-embedding' }],
    });

    const assistant = await loadAssistant(registryFor(sextant.url, sextant.apiKey), client, retriever, {
      name: releaseName,
      label: 'production',
    });
    const stream = productionStream();
    const ask = ({ question }: { question: string }, index: number) =>
      assistant.answer(question, {
        sessionId: `prod-${Math.floor(index / 3)}`,
        userId: `user-${index % 17}`,
      });
    const marks: Date[] = [new Date()];
    // Users arrive four at a time; the second half starts only once the first is stored.
    await inParallel(
      stream.filter((item) => item.half === 0),
      4,
      ask,
    );
    await tracing.flush();
    marks.push(new Date());
    await inParallel(
      stream.filter((item) => item.half === 1),
      4,
      (item, index) => ask(item, index + stream.length / 2),
    );
    await tracing.flush();
    const [firstStart, secondStart] = marks as [Date, Date];
    const billing = stream.filter((item) => item.topic === 'billing').length;
    report.outcome(
      `replayed ${stream.length} production questions; ${billing} about billing arrived in the second half`,
    );

    const monitor = await api<{ id: string }>(sextant, 'POST', '/api/drift/monitors', {
      name: 'what users ask',
      reference: { type: 'range', start: firstStart.toISOString(), end: secondStart.toISOString() },
      currentWindowHours: (Date.now() - secondStart.getTime() + 1000) / 3_600_000,
      field: 'input',
      spans: 'root',
      topicClusters: 6,
    });
    await api(sextant, 'POST', '/api/alerts/rules', {
      name: 'question-drift',
      description: 'What users ask no longer looks like the reference period',
      condition: { metric: 'drift', monitorId: monitor.id },
      threshold: 0,
      windowMinutes: 30,
      webhooks: [{ url: webhook.url }],
    });
    const drift = await api<{ id: string; drifted: boolean; verdict: string; features: DriftFeature[] }>(
      sextant,
      'POST',
      `/api/drift/monitors/${monitor.id}/run`,
    );
    report.detail(drift.verdict);
    for (const feature of drift.features
      .slice()
      .sort((a, b) => a.adjustedPValue - b.adjustedPValue)
      .slice(0, 5)) {
      const effect =
        feature.effectSize.value === null
          ? ''
          : ` ${feature.effectSize.name} ${feature.effectSize.value.toFixed(3)}`;
      report.detail(
        `${feature.drifted ? 'DRIFT' : 'ok   '} ${feature.feature.padEnd(28)} p=${feature.adjustedPValue.toExponential(1)}${effect}`,
      );
    }
    const driftedFeatures = drift.features
      .filter((feature) => feature.drifted)
      .map((feature) => feature.feature);
    report.outcome(
      drift.drifted
        ? `drift detected in ${driftedFeatures.length} features (${driftedFeatures.slice(0, 3).join(', ')})`
        : 'no drift detected',
    );

    // The alert rules are evaluated by a job once a minute; the webhook receives the Slack-style message.
    const alert = drift.drifted ? await webhook.waitFor(() => true, 120_000) : null;
    report.outcome(
      alert
        ? `alert question-drift delivered to the local webhook: ${summarize(alert)}`
        : 'no alert was delivered',
    );

    const scores = await waitForScores(sextant, 'answer-relevance-embedding', stream.length, 60_000);
    const mean = scores.length ? scores.reduce((sum, score) => sum + score.value, 0) / scores.length : null;
    report.outcome(
      `online evaluation scored ${scores.length} production traces (answer relevance, mean ${mean === null ? 'n/a' : mean.toFixed(3)})`,
    );
    return {
      productionTraces: stream.length,
      onlineScores: scores.length,
      meanOnlineScore: mean,
      drift: { drifted: drift.drifted, driftedFeatures, reportId: drift.id },
      alertReceived: alert !== null,
    };
  } finally {
    await webhook.close();
  }
}

async function waitForScores(sextant: RunningSextant, name: string, expected: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let scores: { value: number }[] = [];
  while (Date.now() < deadline) {
    scores = (
      await api<{ scores: { value: number }[] }>(
        sextant,
        'GET',
        `/api/scores?name=${name}&source=online&limit=1000`,
      )
    ).scores;
    if (scores.length >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return scores;
}

function summarize(body: unknown): string {
  const text = (body as { text?: unknown })?.text;
  return typeof text === 'string'
    ? (text.split('\n')[0]?.slice(0, 140) ?? '')
    : JSON.stringify(body).slice(0, 140);
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<unknown>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
