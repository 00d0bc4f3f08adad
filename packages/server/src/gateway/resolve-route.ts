import type { ModelAlias, ModelCard } from '@sextant/core';
import { findModel, type ProjectModels, suggestModels } from '../services/model-registry.js';
import { GatewayError } from './gateway-error.js';

/** A model to try, with its credential (never logged) or why it cannot be called. */
export interface RouteTarget {
  card: ModelCard;
  apiKey: string | null;
  problem: GatewayError | null;
}

export interface ResolvedRoute {
  alias: string | null;
  targets: RouteTarget[];
  timeoutMs: number;
  maxRetries: number;
  cacheTtlSeconds: number;
}

export type RouteDefaults = Pick<ModelAlias, 'timeoutMs' | 'maxRetries' | 'cacheTtlSeconds'>;

/**
 * What `model` names: an alias (its chain of targets and settings), else one model by id or unambiguous
 * bare name with the gateway defaults. Chat calls resolve `prompt:` references before they get here.
 */
export function resolveRoute(
  view: ProjectModels,
  model: string,
  defaults: RouteDefaults,
  environment: NodeJS.ProcessEnv,
): ResolvedRoute {
  if (model.startsWith('prompt:')) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      `'${model}' is a prompt reference, which only /v1/chat/completions resolves; send a model id or alias here`,
      { code: 'prompt_reference_unsupported', param: 'model' },
    );
  }
  const alias = view.aliases.get(model);
  if (alias) {
    return {
      alias: alias.name,
      timeoutMs: alias.timeoutMs,
      maxRetries: alias.maxRetries,
      cacheTtlSeconds: alias.cacheTtlSeconds,
      targets: alias.targets.map((id) => {
        const card = findModel(view, id);
        if (!card) throw unknownModel(view, id, `alias '${alias.name}' names a model that does not exist: `);
        return target(view, card, environment);
      }),
    };
  }
  const card = findModel(view, model);
  if (!card) throw unknownModel(view, model, '');
  return { alias: null, ...defaults, targets: [target(view, card, environment)] };
}

function target(view: ProjectModels, card: ModelCard, environment: NodeJS.ProcessEnv): RouteTarget {
  if (card.access.protocol === 'none') {
    return {
      card,
      apiKey: null,
      problem: new GatewayError(
        400,
        'invalid_request_error',
        `${card.id} is in the catalog, but Sextant cannot call ${card.providerName} models yet; ` +
          'add an OpenAI-compatible endpoint for it with `sextant models add --endpoint`',
        { code: 'unsupported_model', param: 'model' },
      ),
    };
  }
  if (card.access.protocol === 'gguf' || card.access.protocol === 'google-vertex') {
    return { card, apiKey: null, problem: null };
  }
  const variable = card.access.credentialEnv[0];
  const apiKey =
    view.storedCredentials.get(card.provider) ?? (variable ? environment[variable] : undefined) ?? null;
  if (!apiKey && variable && card.source === 'catalog') {
    return {
      card,
      apiKey: null,
      problem: new GatewayError(
        400,
        'invalid_request_error',
        `no credential for ${card.providerName} (${card.id}): set ${variable} in the server's environment, ` +
          `or store one with \`sextant models credentials set ${card.provider}\``,
        { code: 'missing_credentials', param: 'model' },
      ),
    };
  }
  return { card, apiKey, problem: null };
}

function unknownModel(view: ProjectModels, model: string, prefix: string): GatewayError {
  const suggestions = suggestModels(view, model);
  return new GatewayError(
    404,
    'not_found_error',
    `${prefix}model '${model}' is not in the catalog, your models or aliases` +
      (suggestions.length > 0 ? `; closest: ${suggestions.join(', ')}` : '') +
      ' (list them with `sextant models search`)',
    { code: 'model_not_found', param: 'model' },
  );
}
