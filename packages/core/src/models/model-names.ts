/**
 * Provider names as telemetry reports them (`gen_ai.system`, `gen_ai.provider.name`, the AI SDK's
 * `ai.model.provider`) mapped to catalog provider ids.
 */
const providerAliases: Record<string, string> = {
  'gcp.gemini': 'google',
  'gcp.gen_ai': 'google',
  'gcp.vertex_ai': 'google-vertex',
  gemini: 'google',
  vertex_ai: 'google-vertex',
  vertexai: 'google-vertex',
  'aws.bedrock': 'amazon-bedrock',
  bedrock: 'amazon-bedrock',
  'az.ai.openai': 'azure',
  'azure.ai.openai': 'azure',
  'az.ai.inference': 'azure',
  azure_openai: 'azure',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  together: 'togetherai',
  together_ai: 'togetherai',
  fireworks: 'fireworks-ai',
  x_ai: 'xai',
};

/**
 * Catalog provider id for a provider name from telemetry: `openai.chat` → `openai`,
 * `google.generative-ai` → `google`, `gcp.vertex_ai` → `google-vertex`.
 */
export function canonicalProvider(provider: string): string {
  const lower = provider.trim().toLowerCase();
  const aliased = providerAliases[lower];
  if (aliased) return aliased;
  const head = lower.split('.')[0] ?? lower;
  if (head === 'google' && lower.includes('vertex')) return 'google-vertex';
  return providerAliases[head] ?? head;
}

const datedSuffix = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/;

/**
 * Spellings of a model name to try against the catalog, most exact first: as given, without a `models/`
 * prefix (Gemini), without a date suffix (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`), lowercased.
 */
export function modelNameVariants(model: string): string[] {
  const variants = [model];
  const add = (name: string) => {
    if (name && !variants.includes(name)) variants.push(name);
  };
  const bare = model.replace(/^models\//, '');
  add(bare);
  add(bare.toLowerCase());
  add(bare.replace(datedSuffix, ''));
  add(
    bare
      .toLowerCase()
      .replace(datedSuffix, '')
      .replace(/-latest$/, ''),
  );
  return variants;
}

/** Levenshtein distance, for suggesting close names. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The `limit` candidates closest to `query`: names containing it first, then by edit distance of the
 * part after the provider. Used to answer "unknown model" with suggestions.
 * @example closestNames('gpt4o', ['openai/gpt-4o', 'openai/gpt-4o-mini', 'anthropic/claude-3-haiku']) // ['openai/gpt-4o', 'openai/gpt-4o-mini', ...]
 */
export function closestNames(query: string, candidates: readonly string[], limit = 5): string[] {
  const needle = query.toLowerCase();
  const slash = needle.indexOf('/');
  const needleProvider = slash >= 0 ? needle.slice(0, slash) : null;
  const needleModel = needle.slice(slash + 1);
  const squashed = needleModel.replace(/[^a-z0-9]/g, '');
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    const split = lower.indexOf('/');
    const provider = split >= 0 ? lower.slice(0, split) : null;
    const model = lower.slice(split + 1);
    const contains =
      lower.includes(needle) || (squashed.length > 0 && model.replace(/[^a-z0-9]/g, '').includes(squashed));
    // Another provider's model of the same name is a worse suggestion than a near name at the same one.
    const otherProvider = needleProvider !== null && provider !== needleProvider ? 2 : 0;
    const distance = editDistance(needleModel, model) + otherProvider;
    return { candidate, score: (contains ? 0 : 1000) + distance + (contains ? model.length / 100 : 0) };
  });
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}
