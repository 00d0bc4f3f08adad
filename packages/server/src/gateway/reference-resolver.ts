import { parsePromptReference, parseReleaseReference, type VersionSelector } from '@sextant/core';
import type { HeaderReader } from '../http/request-headers.js';
import type { CanaryRouter } from './canary-router.js';
import { GatewayError } from './gateway-error.js';
import type { GatewayCall } from './gateway-span.js';
import { inputMessages } from './input-messages.js';
import type { PromptChatRequest } from './openai-request-schemas.js';
import { type PromptRenderer, resolvePromptRequest } from './resolve-prompt-request.js';
import { type ReleaseReader, resolveReleaseRequest } from './resolve-release-request.js';

export interface ReferenceResolverOptions {
  prompts: PromptRenderer;
  /** Without it `release:` calls are refused. */
  releases?: ReleaseReader;
  canaries?: CanaryRouter;
}

/**
 * Turns a gateway call whose `model` is `release:NAME@LABEL` or `prompt:NAME@LABEL` into the plain chat
 * call it stands for, recording on the call (and so on its span) the release, prompt version and canary arm.
 */
export class ReferenceResolver {
  constructor(private readonly options: ReferenceResolverOptions) {}

  /**
   * Renders a `release:` call into the chat call it stands for (through the release's pinned prompt and
   * model), linking the span to the release version, and to the canary arm when a canary splits the label.
   */
  async release(projectId: string, request: PromptChatRequest, header: HeaderReader, call: GatewayCall) {
    call.releaseReference = request.model;
    const reference = parseReleaseReference(request.model);
    if (!reference.success) {
      throw new GatewayError(400, 'invalid_request_error', reference.error, {
        code: 'invalid_release_reference',
        param: 'model',
      });
    }
    if (!this.options.releases) {
      throw new GatewayError(
        400,
        'invalid_request_error',
        'this gateway has no release registry; name a model or a prompt:NAME@LABEL',
        {
          code: 'invalid_release_reference',
          param: 'model',
        },
      );
    }
    if (header('x-sextant-prompt-model')) {
      throw new GatewayError(
        400,
        'invalid_request_error',
        `${request.model} fixes its model; drop the x-sextant-prompt-model header, or call its prompt (prompt:NAME@VERSION) to try another model`,
        { code: 'invalid_release_reference', param: 'x-sextant-prompt-model' },
      );
    }
    const { name } = reference.value;
    let selector: VersionSelector = reference.value.selector;
    if ('label' in selector && this.options.canaries) {
      const canary = await this.options.canaries.route(
        projectId,
        { type: 'release', name, label: selector.label },
        { userId: call.userId, sessionId: call.sessionId, fallback: call.spanId },
      );
      if (canary) {
        call.canary = { id: canary.canaryId, arm: canary.arm };
        selector = { version: canary.version };
      }
    }
    const release = await resolveReleaseRequest(
      this.options.releases,
      projectId,
      name,
      selector,
      request,
      header('x-sextant-release-prompt'),
    );
    call.releaseId = release.releaseId;
    try {
      return await this.prompt(projectId, release.request, header, call, release.model ?? undefined);
    } catch (error) {
      if (error instanceof GatewayError && error.options.code === 'prompt_model_missing') {
        throw new GatewayError(
          400,
          'invalid_request_error',
          `release ${release.releaseId} names no model for prompt '${call.promptName}' and the prompt has none: set models.generator (or models.${call.promptName}) in a new release version`,
          { code: 'release_model_missing', param: 'model' },
        );
      }
      throw error;
    }
  }

  /** Renders a `prompt:` call into the chat call it stands for, linking the span to the prompt version. */
  async prompt(
    projectId: string,
    request: PromptChatRequest,
    header: HeaderReader,
    call: GatewayCall,
    modelOverride = header('x-sextant-prompt-model'),
  ) {
    call.promptReference = request.model;
    const reference = parsePromptReference(request.model);
    call.promptName = reference.success ? reference.value.name : null; // kept if rendering fails
    let routed = request;
    if (reference.success && 'label' in reference.value.selector && this.options.canaries) {
      // Sticky per user or session when the client names one; otherwise each call is its own draw.
      const canary = await this.options.canaries.route(
        projectId,
        { type: 'prompt', name: reference.value.name, label: reference.value.selector.label },
        {
          userId: call.userId,
          sessionId: call.sessionId,
          fallback: call.spanId,
        },
      );
      if (canary) {
        call.canary = { id: canary.canaryId, arm: canary.arm };
        routed = { ...request, model: `prompt:${reference.value.name}@${canary.version}` };
      }
    }
    const prompt = await resolvePromptRequest(this.options.prompts, projectId, routed, modelOverride);
    call.promptName = prompt.promptName;
    call.promptVersion = prompt.promptVersion;
    call.requestedModel = prompt.request.model;
    call.input = inputMessages(prompt.request);
    return prompt;
  }
}
