import fs from 'node:fs/promises';
import {
  type PromptDefinitionInput,
  preparePrompt,
  promptDefinitionInputSchema,
  type ReleaseDefinitionInput,
  readPromptFile,
  readReleaseFile,
  releaseDefinitionSchema,
  SextantError,
} from '@sextant/core';
import { type Prompt, toPrompt } from './prompt.js';
import { Release } from './release.js';

/** A prompt to serve when the registry cannot be reached: a prompt file path, or the prompt itself. */
export type PromptFallback = string | PromptDefinitionInput;

/**
 * A release to serve when the registry cannot be reached: a YAML/JSON file path, or the release itself.
 * Prompts must be pinned to version numbers; `version` (optional) names the release it mirrors.
 */
export type ReleaseFallback =
  | string
  | (Omit<ReleaseDefinitionInput, 'prompts'> & { prompts?: Record<string, number>; version?: number });

/** Builds the fallback prompt; throws naming the file, line and column when it is not a valid prompt. */
export async function loadPromptFallback(name: string, fallback: PromptFallback): Promise<Prompt> {
  if (typeof fallback === 'string') {
    const file = readPromptFile(await fs.readFile(fallback, 'utf8'), { fileName: fallback });
    const problem = file.problems[0];
    if (!file.definition || problem) {
      const where = problem ? `${fallback}:${problem.line}:${problem.column}: ${problem.message}` : fallback;
      throw new SextantError(
        'bad_request',
        `fallback for prompt '${name}' is not a valid prompt file: ${where}`,
      );
    }
    return toPrompt({ name, version: null, labels: [], definition: file.definition, isFallback: true });
  }
  const parsed = promptDefinitionInputSchema.safeParse(fallback);
  const prepared = parsed.success ? preparePrompt(parsed.data) : null;
  const problem = parsed.success ? prepared?.problems[0]?.message : parsed.error.issues[0]?.message;
  if (!prepared || problem) {
    throw new SextantError('bad_request', `fallback for prompt '${name}' is not valid: ${problem}`);
  }
  return toPrompt({ name, version: null, labels: [], definition: prepared.definition, isFallback: true });
}

export async function loadReleaseFallback(name: string, fallback: ReleaseFallback): Promise<Release> {
  let value: Record<string, unknown>;
  if (typeof fallback === 'string') {
    const read = readReleaseFile(await fs.readFile(fallback, 'utf8'));
    if (!read.success)
      throw new SextantError('bad_request', `fallback for release '${name}' (${fallback}): ${read.error}`);
    value = read.value;
  } else {
    value = { ...fallback };
  }
  const { version, ...definition } = value;
  const parsed = releaseDefinitionSchema.safeParse({ prompts: {}, ...definition });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SextantError(
      'bad_request',
      `fallback for release '${name}' is not valid: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return new Release({
    name,
    version: typeof version === 'number' ? version : null,
    labels: [],
    definition: parsed.data,
    isFallback: true,
  });
}
