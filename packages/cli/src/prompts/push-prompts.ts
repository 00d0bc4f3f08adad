import path from 'node:path';
import { contentHash, SextantError } from '@sextant/core';
import { type ApiRequest, resourcePath } from '../registry-client.js';
import { defaultAuthor, defaultCommitMessage } from './git-context.js';
import { formatProblem, type LocalPrompt, readPromptFiles } from './prompt-files.js';
import type { LabelEventJson, PromptVersionJson } from './registry-json.js';

export interface PushOptions {
  directory: string;
  /** Labels to move to each pushed version (also when its content is unchanged). */
  labels: readonly string[];
  message?: string;
  author?: string;
  /** Report what would happen without writing. */
  dryRun?: boolean;
}

interface CreatedJson {
  status: 'created' | 'unchanged';
  prompt: PromptVersionJson;
  labelEvents: LabelEventJson[];
  warnings: string[];
}

/**
 * Pushes every prompt file: a new version only where the content hash changed, labels moved in the same
 * request. Each push states the newest version it saw, so a concurrent push elsewhere is a conflict
 * (reported, nothing overwritten) rather than a lost update. Checks every file before writing any.
 * Returns false when anything failed.
 */
export async function pushPrompts(api: ApiRequest, options: PushOptions, report: (line: string) => void) {
  const prompts = readPromptFiles(options.directory);
  const broken = prompts.filter((prompt) => prompt.problems.length > 0);
  if (broken.length > 0) {
    for (const prompt of broken)
      for (const problem of prompt.problems) report(formatProblem(prompt.displayPath, problem));
    throw new SextantError(
      'bad_request',
      `${broken.length} of ${prompts.length} prompt files have problems; nothing was pushed (run \`sextant prompts check\`)`,
    );
  }
  if (prompts.length === 0) report(`no *.prompt.md files under ${options.directory}`);
  let ok = true;
  for (const prompt of prompts) {
    try {
      report(await pushOne(api, prompt, options));
    } catch (error) {
      if (!(error instanceof SextantError)) throw error;
      ok = false;
      report(`${prompt.name}: not pushed: ${error.message}`);
    }
  }
  return ok;
}

async function pushOne(api: ApiRequest, prompt: LocalPrompt, options: PushOptions): Promise<string> {
  const name = prompt.name as string;
  const latest = await getLatest(api, name);
  if (options.dryRun) {
    const changed = latest?.contentHash !== (await contentHash(prompt.definition));
    const next = latest ? latest.version + 1 : 1;
    return `${name}: ${changed ? `would create version ${next}` : `unchanged (version ${latest?.version})`} from ${prompt.displayPath}`;
  }
  const cwd = path.dirname(prompt.file);
  const created = await api<CreatedJson>('POST', resourcePath('prompts', name, 'versions'), {
    definition: prompt.definition,
    labels: options.labels,
    commitMessage: defaultCommitMessage(cwd, prompt.file, options.message),
    author: defaultAuthor(cwd, options.author),
    expectedLatestVersion: latest?.version ?? null,
  });
  const moves = created.labelEvents.map(
    (event) => `${event.label}: ${event.fromVersion ?? 'none'} → ${event.toVersion}`,
  );
  const what =
    created.status === 'created'
      ? `created version ${created.prompt.version}`
      : `unchanged (version ${created.prompt.version})`;
  const warnings = created.warnings.map((warning) => `; warning: ${warning}`).join('');
  return `${name}: ${what}${moves.length > 0 ? ` (${moves.join(', ')})` : ''} from ${prompt.displayPath}${warnings}`;
}

/** The newest version of a prompt, or null when the registry has none of that name. */
export async function getLatest(api: ApiRequest, name: string): Promise<PromptVersionJson | null> {
  try {
    return await api<PromptVersionJson>('GET', `${resourcePath('prompts', name)}?label=latest`);
  } catch (error) {
    if (error instanceof SextantError && error.code === 'not_found') return null;
    throw error;
  }
}
