import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SextantError } from '@sextant/core';
import type { Suite } from '@sextant/core/gates';
import type { ApiRequest } from '../registry-client.js';
import type { EvalItem } from './load-dataset.js';

/** What a task function gets beside the item's input. */
export interface TaskContext {
  item: EvalItem;
  repeat: number;
  /** Pass to providers that accept a seed; undefined when the suite sets none. */
  seed: number | undefined;
  /** Adds to the run's cost in USD (for `max-cost` gates). */
  reportCost(usd: number): void;
}

/** One call of the task: its output, and cost when known. */
export interface TaskOutcome {
  output: unknown;
  cost?: number;
}

export type RunTask = (item: EvalItem, repeat: number) => Promise<TaskOutcome>;

/** The release a task runs, for lineage in the results. */
export interface TaskTarget {
  run: RunTask;
  release?: { name: string; version: number };
  /** Stable description for the replay cache key. */
  identity: string;
}

const seedOf = (suite: Suite, repeat: number) => (suite.seed === undefined ? undefined : suite.seed + repeat);

async function moduleTask(
  suite: Suite,
  task: { module: string; export: string },
  directory: string,
): Promise<TaskTarget> {
  const file = path.resolve(directory, task.module);
  if (/\.[mc]?ts$/.test(file)) {
    throw new SextantError(
      'bad_request',
      `task module ${task.module}: compile TypeScript to .mjs first (Node 20 cannot import .ts)`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new SextantError(
      'bad_request',
      `suite '${suite.name}': cannot import task module ${task.module}: ${(error as Error).message}`,
    );
  }
  const chain = module[task.export];
  if (typeof chain !== 'function') {
    const exported = Object.keys(module).join(', ') || '(nothing)';
    throw new SextantError(
      'bad_request',
      `task module ${task.module} exports no function '${task.export}'; it exports: ${exported}`,
    );
  }
  return {
    identity: `module:${task.module}#${task.export}`,
    run: async (item, repeat) => {
      let cost: number | undefined;
      const context: TaskContext = {
        item,
        repeat,
        seed: seedOf(suite, repeat),
        reportCost: (usd) => {
          cost = (cost ?? 0) + usd;
        },
      };
      const output = await chain(item.input, context);
      return { output, cost };
    },
  };
}

interface ReleaseJson {
  name: string;
  version: number;
  definition: {
    prompts: Record<string, number>;
    models: Record<string, string>;
    parameters: Record<string, unknown>;
  };
}

interface ChatAnswer {
  choices?: Array<{ message?: { content?: string | null } }>;
}

async function releaseTask(
  suite: Suite,
  task: { release: string; label?: string; version?: number; prompt?: string },
  gateway: { url: string; apiKey: string },
  api: ApiRequest,
): Promise<TaskTarget> {
  const selector = task.version
    ? `version=${task.version}`
    : `label=${encodeURIComponent(task.label ?? 'latest')}`;
  const release = await api<ReleaseJson>(
    'GET',
    `/api/releases/${encodeURIComponent(task.release)}?${selector}`,
  );
  const prompts = Object.keys(release.definition.prompts);
  const promptName = task.prompt ?? prompts[0];
  const promptVersion = promptName ? release.definition.prompts[promptName] : undefined;
  if (!promptName || promptVersion === undefined) {
    throw new SextantError(
      'bad_request',
      `suite '${suite.name}': release ${release.name}@${release.version} has ${task.prompt ? `no prompt '${task.prompt}'` : 'no prompts'}; prompts: ${prompts.join(', ') || '(none)'}`,
    );
  }
  const model = release.definition.models[promptName] ?? release.definition.models.generator;
  return {
    release: { name: release.name, version: release.version },
    identity: `release:${release.name}@${release.version}/${promptName}`,
    run: async (item, repeat) => {
      const variables =
        item.input !== null && typeof item.input === 'object' ? item.input : { input: item.input };
      const seed = seedOf(suite, repeat);
      const response = await fetch(new URL('/v1/chat/completions', gateway.url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gateway.apiKey}`,
          'content-type': 'application/json',
          'x-sextant-cache': 'no-store', // repeats must be independent samples, never the cached first answer
          ...(model ? { 'x-sextant-prompt-model': model } : {}),
        },
        body: JSON.stringify({
          model: `prompt:${promptName}@${promptVersion}`,
          variables,
          ...(seed === undefined ? {} : { seed }),
          metadata: {
            'sextant.release.id': `${release.name}@${release.version}`,
            'sextant.eval.item_id': item.id,
          },
        }),
      });
      const body = (await response.json().catch(() => null)) as
        | (ChatAnswer & { error?: { message?: string } })
        | null;
      if (!response.ok)
        throw new Error(`gateway ${response.status}: ${body?.error?.message ?? response.statusText}`);
      return { output: body?.choices?.[0]?.message?.content ?? '' };
    },
  };
}

/** Resolves a suite's task: imports the module, or looks up the release the gateway will run. */
export function createTask(
  suite: Suite,
  directory: string,
  server: { url: string; apiKey: string | undefined; api: ApiRequest | undefined },
): Promise<TaskTarget> {
  const { task } = suite;
  if ('module' in task) return moduleTask(suite, task, directory);
  if (!server.api || !server.apiKey) {
    throw new SextantError(
      'bad_request',
      `suite '${suite.name}' runs release '${task.release}' through the gateway; pass --api-key`,
    );
  }
  return releaseTask(suite, task, { url: server.url, apiKey: server.apiKey }, server.api);
}
