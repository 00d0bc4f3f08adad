import { type ReleaseDefinition, releaseId, SextantError, type VersionSelector } from '@sextant/core';
import { GatewayError } from './gateway-error.js';
import type { PromptChatRequest } from './openai-request-schemas.js';

/** What the gateway needs from the release registry (the server's `ReleaseService`). */
export interface ReleaseReader {
  get(
    projectId: string,
    name: string,
    selector: VersionSelector,
  ): Promise<{ record: { name: string; version: number; definition: ReleaseDefinition } }>;
}

/** The `prompt:` call a `release:` request stands for, and the release version behind it. */
export interface ReleaseChatCall {
  /** The request with `model` set to the release's pinned prompt version and its parameters filled in. */
  request: PromptChatRequest;
  /** The release's model for that prompt (`models[PROMPT]`, else `models.generator`); null: the prompt's own. */
  model: string | null;
  /** `NAME@VERSION`, what spans carry as `sextant.release.id`. */
  releaseId: string;
}

/** True when `model` names a release (`release:NAME`, `release:NAME@LABEL`, `release:NAME@3`). */
export const isReleaseReference = (model: unknown) =>
  typeof model === 'string' && model.startsWith('release:');

/** Release parameters that are OpenAI chat fields; other keys (retriever settings, ...) are not the model's. */
const chatParameters = [
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'seed',
  'stop',
  'presence_penalty',
  'frequency_penalty',
] as const;

/**
 * Turns a chat request on a release version into the prompt call it stands for: the release's first pinned
 * prompt, or the one `promptName` (the `x-sextant-release-prompt` header) names; the release's model for it;
 * and the release's chat parameters where the request gives none (the prompt's own apply under both).
 */
export async function resolveReleaseRequest(
  releases: ReleaseReader,
  projectId: string,
  name: string,
  selector: VersionSelector,
  request: PromptChatRequest,
  promptName: string | undefined,
): Promise<ReleaseChatCall> {
  const { record } = await read(releases, projectId, name, selector);
  const id = releaseId(record.name, record.version);
  const { prompts, models, parameters } = record.definition;
  const pinned = Object.keys(prompts);
  const prompt = promptName?.trim() || pinned[0];
  const version = prompt === undefined ? undefined : prompts[prompt];
  if (prompt === undefined || version === undefined) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      prompt === undefined
        ? `release ${id} pins no prompt, so the gateway has nothing to render; create a release version with a prompt`
        : `release ${id} has no prompt '${prompt}' (x-sextant-release-prompt); its prompts: ${pinned.join(', ')}`,
      { code: 'release_prompt_missing', param: 'model' },
    );
  }
  const fromRelease = Object.fromEntries(
    chatParameters.filter((key) => parameters[key] !== undefined).map((key) => [key, parameters[key]]),
  );
  // Both token limits at once is an error for OpenAI: the request's newer field wins over the release's.
  if (request.max_completion_tokens != null) delete fromRelease.max_tokens;
  const own = Object.fromEntries(Object.entries(request).filter(([, value]) => value != null));
  return {
    request: { ...fromRelease, ...own, model: `prompt:${prompt}@${version}` } as PromptChatRequest,
    model: models[prompt] ?? models.generator ?? null,
    releaseId: id,
  };
}

/** Registry errors in OpenAI's shape: an unknown release, label or version is a 404. */
async function read(releases: ReleaseReader, projectId: string, name: string, selector: VersionSelector) {
  try {
    return await releases.get(projectId, name, selector);
  } catch (error) {
    if (!(error instanceof SextantError) || error.code !== 'not_found') throw error;
    throw new GatewayError(404, 'not_found_error', error.message, {
      code: 'release_not_found',
      param: 'model',
    });
  }
}
