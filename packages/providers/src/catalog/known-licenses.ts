/**
 * Licences of open-weights model families, matched on the model id. models.dev says whether weights are
 * open but not under which licence; these are the families whose licence is uniform and well known.
 * Anything else stays null ("not known") rather than guessed.
 */
const licenses: readonly [RegExp, string][] = [
  [/gpt-oss/, 'Apache-2.0'],
  [/llama/, 'Llama Community License'],
  [/gemma/, 'Gemma Terms of Use'],
  [/qwen3/, 'Apache-2.0'],
  [/deepseek-(r1|v3|chat|reasoner)/, 'MIT'],
  [/mixtral|devstral|mistral-small|magistral-small|mistral-nemo|pixtral-12b/, 'Apache-2.0'],
  [/kimi-k2/, 'Modified MIT'],
  [/glm-4\.[56]/, 'MIT'],
  [/phi-[34]/, 'MIT'],
];

/** The licence of an open-weights model when its family has one well-known licence; else null. */
export function knownLicense(modelId: string, openWeights: boolean | null): string | null {
  if (!openWeights) return null;
  const lower = modelId.toLowerCase();
  return licenses.find(([pattern]) => pattern.test(lower))?.[1] ?? null;
}
