import { closestNames } from '../models/model-names.js';
import { suggestName } from './suggest-name.js';

/** Whether a model id is known, with close names to suggest when it is not. */
export type ModelCheck = { known: true } | { known: false; suggestions: string[] };

/** Decides whether prompts and releases name real models. */
export type ModelChecker = (modelId: string) => ModelCheck;

/** Accepts every id: what `check` uses when no catalog is available. */
export const acceptAnyModel: ModelChecker = () => ({ known: true });

/**
 * A checker over catalog ids (`openai/gpt-4o`) and alias names. An id matches exactly, or without its
 * provider (`gpt-4o`). With no ids at all (no catalog loaded) it accepts everything.
 * @example createModelChecker(['openai/gpt-4o'], ['chat'])('gpt-4o') // { known: true }
 */
export function createModelChecker(
  modelIds: readonly string[],
  aliases: readonly string[] = [],
): ModelChecker {
  if (modelIds.length === 0 && aliases.length === 0) return acceptAnyModel;
  const known = new Set<string>([...modelIds, ...aliases]);
  for (const id of modelIds) {
    const slash = id.indexOf('/');
    if (slash !== -1) known.add(id.slice(slash + 1));
  }
  const candidates = [...modelIds, ...aliases];
  return (modelId) =>
    known.has(modelId) ? { known: true } : { known: false, suggestions: closeModels(modelId, candidates) };
}

/** Up to three catalog names close enough to `modelId` to be what was meant. */
function closeModels(modelId: string, candidates: readonly string[]): string[] {
  const bare = (id: string) => id.slice(id.indexOf('/') + 1).toLowerCase();
  const wanted = bare(modelId);
  return closestNames(modelId, candidates, 10)
    .filter(
      (candidate) => bare(candidate).includes(wanted) || suggestName(wanted, [bare(candidate)]) !== undefined,
    )
    .slice(0, 3);
}
