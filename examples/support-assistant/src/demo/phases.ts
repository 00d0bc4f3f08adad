import type { SextantHandle } from '@sextant/sdk';
import type OpenAI from 'openai';
import { loadAssistant, registryFor } from '../assistant/load-assistant.js';
import { createSupportAgent } from '../assistant/support-agent.js';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { type Bakeoff, bakeoff } from './bakeoff.js';
import { type Deployment, deploy } from './deploy.js';
import { develop, releaseName } from './develop.js';
import { discover } from './discover.js';
import { type Evaluation, evaluate } from './evaluate.js';
import { type Governance, govern } from './govern.js';
import type { DemoReport } from './report.js';
import { api, type RunningSextant } from './sextant-process.js';

export interface DemoContext {
  sextant: RunningSextant;
  client: OpenAI;
  retriever: HybridRetriever;
  report: DemoReport;
  tracing: SextantHandle;
  demoDirectory: string;
}

/** What each phase produced, written to --result-file for the end-to-end test to check. */
export interface DemoResults {
  models: string[];
  releases: { narrow: number; wide: number };
  agentAnswer: { answer: string; steps: string[] };
  evaluation: Evaluation;
  bakeoff: Bakeoff | null;
  deployment: Deployment;
  governance: Governance;
}

export async function runPhases(context: DemoContext): Promise<DemoResults> {
  const { sextant, client, retriever, report, tracing } = context;
  const { models } = await discover(sextant, report);
  const releases = await develop(sextant, models[0] ?? 'sextant/extractive-baseline', report);
  const registry = registryFor(sextant.url, sextant.apiKey);

  // A first conversation through the agent: a docs question, then one about a trace it must look up.
  const narrow = await loadAssistant(registry, client, retriever, {
    name: releaseName,
    version: releases.narrow,
  });
  const agent = createSupportAgent(narrow, {
    async lookupTrace(traceId) {
      type Detail = { trace: { name: string; status: string; spanCount: number; durationMs: number } };
      const found = await api<Detail>(sextant, 'GET', `/api/traces/${traceId}`).catch(() => null);
      if (!found) return null;
      const { name, status, spanCount, durationMs } = found.trace;
      return { name, status, spans: spanCount, durationMs: Math.round(durationMs) };
    },
  });
  const first = await agent.answer('How do I rotate my API key without downtime?', 'demo-chat-1');
  await tracing.flush();
  const recent = await api<{ traces: { traceId: string }[] }>(sextant, 'GET', '/api/traces?limit=1');
  const lookedUp = await agent.answer(`What happened in trace ${recent.traces[0]?.traceId}?`, 'demo-chat-1');
  report.detail(`agent: ${first.answer}\nagent: ${lookedUp.answer}`);

  const evaluation = await evaluate(context, releases, report);
  const bakeoffResult = await bakeoff(sextant, retriever, models, context.demoDirectory, report);
  const chosen = evaluation.better === 'wide' ? releases.wide : releases.narrow;
  const deployment = await deploy(sextant, chosen, context.demoDirectory, report);
  const governance = await govern(context, report);

  return {
    models,
    releases: { narrow: releases.narrow, wide: releases.wide },
    agentAnswer: lookedUp,
    evaluation,
    bakeoff: bakeoffResult,
    deployment,
    governance,
  };
}
