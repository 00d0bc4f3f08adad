import type { DriftInputs } from '@sextant/core/drift';
import type { DriftSample } from './drift-samples.js';

/**
 * Categorical (model, tool, tags) and numeric (tokens, latency, cost) columns of span samples. A
 * column is kept only when both sides have values; dataset references have none, so a dataset
 * comparison is on texts and embeddings only.
 */
export function spanColumns(
  reference: readonly DriftSample[],
  current: readonly DriftSample[],
): { reference: DriftInputs; current: DriftInputs } {
  const categorical = {
    model: (sample: DriftSample) => sample.span?.model ?? null,
    tool: (sample: DriftSample) => sample.span?.toolName ?? null,
    // The tag set of a request is one observation, so counts stay independent.
    tags: (sample: DriftSample) => (sample.span?.tags.length ? [...sample.span.tags].sort().join(',') : null),
  };
  const numeric = {
    inputTokens: (sample: DriftSample) => sample.span?.inputTokens ?? null,
    outputTokens: (sample: DriftSample) => sample.span?.outputTokens ?? null,
    latencyMs: (sample: DriftSample) => sample.span?.durationMs ?? null,
    cost: (sample: DriftSample) => sample.span?.cost ?? null,
  };
  const sides: { reference: DriftInputs; current: DriftInputs } = {
    reference: { categorical: {}, numeric: {} },
    current: { categorical: {}, numeric: {} },
  };
  for (const [name, read] of Object.entries(categorical)) {
    const referenceValues = reference.map(read);
    const currentValues = current.map(read);
    if (referenceValues.every((value) => value === null) || currentValues.every((value) => value === null))
      continue;
    const label = (value: string | null) => value ?? '(none)';
    (sides.reference.categorical as Record<string, string[]>)[name] = referenceValues.map(label);
    (sides.current.categorical as Record<string, string[]>)[name] = currentValues.map(label);
  }
  for (const [name, read] of Object.entries(numeric)) {
    const referenceValues = reference.map(read).filter((value): value is number => value !== null);
    const currentValues = current.map(read).filter((value): value is number => value !== null);
    if (referenceValues.length < 2 || currentValues.length < 2) continue;
    (sides.reference.numeric as Record<string, number[]>)[name] = referenceValues;
    (sides.current.numeric as Record<string, number[]>)[name] = currentValues;
  }
  return sides;
}
