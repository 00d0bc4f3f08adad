import { SextantError } from '@sextant/core';
import { createCodeEvaluator, type Evaluator, modelEvaluatorNames } from '@sextant/core/evaluators';
import { createGatewayEvaluatorFactory, type GatewayAccess } from '@sextant/server';

/**
 * Parses `--evaluator` values: a registry name with optional `key=value` options after a colon,
 * comma-separated. Values are read as JSON when they parse (numbers, booleans, arrays), else as text;
 * `|` separates list items. `contains`, `levenshtein:threshold=0.8`, `regex:pattern=^\d+$`,
 * `contains:values=refund|30 days,ignoreCase=true`.
 */
export function parseEvaluatorSpec(spec: string): Evaluator {
  const { name, options } = splitSpec(spec);
  return createCodeEvaluator(name, options);
}

/**
 * Like parseEvaluatorSpec, and also the model-based evaluators, whose judges and embedding models are
 * called through the gateway (traced and priced): `llm-judge:model=openai/gpt-4o-mini,rubric=Is it correct?`,
 * `faithfulness:model=M`, `context-relevance:model=M`, `answer-relevance:model=M`, `embedding-similarity`
 * (the offline sentence encoder, or `embedder=M`).
 */
export async function resolveEvaluatorSpec(spec: string, access: GatewayAccess): Promise<Evaluator> {
  const { name, options } = splitSpec(spec);
  if (!(modelEvaluatorNames as readonly string[]).includes(name)) return createCodeEvaluator(name, options);
  return createGatewayEvaluatorFactory(access)(name, options);
}

function splitSpec(spec: string): { name: string; options: Record<string, unknown> } {
  const colon = spec.indexOf(':');
  const name = (colon === -1 ? spec : spec.slice(0, colon)).trim();
  const options: Record<string, unknown> = {};
  if (colon !== -1) {
    for (const pair of spec.slice(colon + 1).split(',')) {
      if (pair.trim() === '') continue;
      const equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new SextantError(
          'bad_request',
          `--evaluator '${spec}': option '${pair}' is not key=value (e.g. "levenshtein:threshold=0.8")`,
        );
      }
      options[pair.slice(0, equals).trim()] = optionValue(pair.slice(equals + 1));
    }
  }
  return { name, options };
}

function optionValue(text: string): unknown {
  if (text.includes('|')) return text.split('|');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
