import { createModelChecker, type ModelCheck, type ModelChecker } from '@sextant/core';
import type { ApiRequest } from '../registry-client.js';
import { formatProblem, readPromptFiles } from './prompt-files.js';

export interface CheckOptions {
  directory: string;
}

/**
 * Checks every prompt file for CI: front matter, template syntax, undeclared and unused variables, and,
 * with a server, model ids against the project's catalog. Prints `file:line:column: message (code)`.
 * Returns the number of problems.
 */
export async function checkPrompts(
  api: ApiRequest | null,
  options: CheckOptions,
  report: (line: string) => void,
  note: (line: string) => void,
): Promise<number> {
  let prompts = readPromptFiles(options.directory);
  const checkModel = api
    ? await serverModelChecker(
        api,
        prompts.map((prompt) => prompt.definition),
        note,
      )
    : null;
  if (checkModel) prompts = readPromptFiles(options.directory, checkModel);
  let problems = 0;
  for (const prompt of prompts) {
    for (const problem of prompt.problems) report(formatProblem(prompt.displayPath, problem));
    problems += prompt.problems.length;
  }
  const failing = prompts.filter((prompt) => prompt.problems.length > 0).length;
  note(
    problems === 0
      ? `${prompts.length} prompt file${prompts.length === 1 ? '' : 's'} checked, no problems`
      : `${problems} problem${problems === 1 ? '' : 's'} in ${failing} of ${prompts.length} prompt files`,
  );
  return problems;
}

/**
 * Asks the server which of the files' model ids its catalog knows. Without a reachable server, model ids
 * are not checked (and the caller is told), because a missing catalog must not fail CI.
 */
async function serverModelChecker(
  api: ApiRequest,
  definitions: readonly unknown[],
  note: (line: string) => void,
): Promise<ModelChecker | null> {
  const withModels = definitions.filter(
    (definition) => (definition as { config?: { model?: unknown } } | null)?.config?.model,
  );
  if (withModels.length === 0) return null;
  try {
    const { models } = await api<{ models: Record<string, ModelCheck> }>('POST', '/api/prompts/check', {
      prompts: withModels,
    });
    return (id) => models[id] ?? { known: true };
  } catch (error) {
    note(`model ids not checked: ${(error as Error).message}`);
    return createModelChecker([]);
  }
}
