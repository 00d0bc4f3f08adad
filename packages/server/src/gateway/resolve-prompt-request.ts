import { parsePromptReference, SextantError } from '@sextant/core';
import type { RenderedPromptReference } from '../services/prompt-service.js';
import { GatewayError } from './gateway-error.js';
import {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
  describeRequestIssues,
  type PromptChatRequest,
} from './openai-request-schemas.js';

/** What the gateway needs from the prompt registry (the server's `PromptService`). */
export interface PromptRenderer {
  renderPromptReference(
    projectId: string,
    reference: string,
    variables: Record<string, unknown>,
  ): Promise<RenderedPromptReference>;
}

/** The chat call a `prompt:` request stands for. */
export interface PromptChatCall {
  /** The configured (or overriding) model, the rendered messages, and the merged parameters. */
  request: ChatCompletionRequest;
  /** `request` serialized: what OpenAI-compatible upstreams receive. */
  body: Buffer;
  promptName: string;
  promptVersion: number;
}

/** True when `model` names a prompt (`prompt:NAME`, `prompt:NAME@LABEL`, `prompt:NAME@3`). */
export const isPromptReference = (model: unknown) => typeof model === 'string' && model.startsWith('prompt:');

/**
 * Turns a chat request whose `model` is a prompt reference into the call it stands for:
 * - the prompt version's messages rendered with the request's variables (`variables`, an object; or
 *   `metadata.variables`, the same object JSON-encoded, for clients whose metadata only holds strings),
 *   followed by the request's own `messages`, if any;
 * - the prompt's model, unless `modelOverride` (the `x-sextant-prompt-model` header) names another;
 * - the prompt's parameters, tools and response schema, each only where the request gives none
 *   (a parameter sent as null counts as not given).
 */
export async function resolvePromptRequest(
  prompts: PromptRenderer,
  projectId: string,
  request: PromptChatRequest,
  modelOverride: string | undefined,
): Promise<PromptChatCall> {
  const reference = parsePromptReference(request.model);
  if (!reference.success) {
    throw new GatewayError(400, 'invalid_request_error', reference.error, {
      code: 'invalid_prompt_reference',
      param: 'model',
    });
  }
  const { variables, metadata } = readVariables(request);
  const rendered = await render(prompts, projectId, request.model, variables);
  const where = `prompt '${rendered.promptName}' version ${rendered.promptVersion}`;
  const model = modelOverride?.trim() || rendered.config.model;
  if (!model) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      `${where} has no model configured: set \`model\` in the prompt's configuration and push a new version, ` +
        'or name one per request with the x-sextant-prompt-model header',
      { code: 'prompt_model_missing', param: 'model' },
    );
  }
  if (isPromptReference(model)) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      `${where} names '${model}' as its model; a prompt's model must be a model id or alias, not another prompt`,
      { code: 'invalid_prompt_config', param: 'model' },
    );
  }
  const own = given(request);
  const merged = {
    ...promptParameters(rendered, own),
    ...own,
    ...(metadata ? { metadata } : {}),
    model,
    messages: [...rendered.messages, ...request.messages],
  };
  const checked = chatCompletionRequestSchema.safeParse(merged);
  if (!checked.success) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      `${where}: its model configuration is not a valid chat request: ${describeRequestIssues(checked.error).message}`,
      { code: 'invalid_prompt_config', param: 'model' },
    );
  }
  return {
    request: checked.data,
    body: Buffer.from(JSON.stringify(checked.data)),
    promptName: rendered.promptName,
    promptVersion: rendered.promptVersion,
  };
}

/** The request's own fields that reach the model: given ones only, without the prompt-only extensions. */
function given(request: PromptChatRequest): Record<string, unknown> {
  const { model: _model, messages: _messages, variables: _variables, metadata: _metadata, ...rest } = request;
  return Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined && value !== null),
  );
}

/** The prompt's settings as OpenAI request fields; the request's own fields are spread over them. */
function promptParameters(rendered: RenderedPromptReference, request: Record<string, unknown>) {
  const { parameters, tools, responseSchema } = rendered.config;
  const fields: Record<string, unknown> = { ...parameters };
  // Both token limits at once is an error for OpenAI: the request's newer field wins over the prompt's.
  if ('max_completion_tokens' in request) delete fields.max_tokens;
  if (tools.length > 0) fields.tools = tools;
  if (responseSchema) {
    fields.response_format = {
      type: 'json_schema',
      json_schema: {
        name: rendered.promptName.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
        schema: responseSchema,
      },
    };
  }
  return fields;
}

function readVariables(request: PromptChatRequest): {
  variables: Record<string, unknown>;
  metadata: Record<string, unknown> | null;
} {
  const { variables: _fromMetadata, ...otherMetadata } = request.metadata ?? {};
  const metadata = Object.keys(otherMetadata).length > 0 ? otherMetadata : null;
  const encoded = request.metadata?.variables;
  if (encoded === undefined || encoded === null) return { variables: request.variables ?? {}, metadata };
  if (request.variables !== undefined) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      'variables were sent twice, as `variables` and as `metadata.variables`; send them once',
      { code: 'invalid_prompt_variables', param: 'variables' },
    );
  }
  let decoded: unknown = encoded;
  if (typeof encoded === 'string') {
    try {
      decoded = JSON.parse(encoded);
    } catch {
      decoded = null;
    }
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      'metadata.variables must be a JSON object (encoded as a string), e.g. "{\\"name\\":\\"Ada\\"}"',
      { code: 'invalid_prompt_variables', param: 'metadata.variables' },
    );
  }
  return { variables: decoded as Record<string, unknown>, metadata };
}

/** Registry errors in OpenAI's shape: an unknown prompt, label or version is a 404; bad variables a 400. */
async function render(
  prompts: PromptRenderer,
  projectId: string,
  reference: string,
  variables: Record<string, unknown>,
): Promise<RenderedPromptReference> {
  try {
    return await prompts.renderPromptReference(projectId, reference, variables);
  } catch (error) {
    if (!(error instanceof SextantError) || (error.code !== 'not_found' && error.code !== 'bad_request')) {
      throw error;
    }
    throw error.code === 'not_found'
      ? new GatewayError(404, 'not_found_error', error.message, { code: 'prompt_not_found', param: 'model' })
      : new GatewayError(400, 'invalid_request_error', error.message, {
          code: 'invalid_prompt_variables',
          param: 'variables',
        });
  }
}
