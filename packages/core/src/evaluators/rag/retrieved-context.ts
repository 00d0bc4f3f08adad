import { SextantError } from '../../errors.js';
import type { RetrievedDocument } from '../../span/canonical-span.js';
import { evaluationText } from '../evaluation-values.js';
import type { EvaluationInput } from '../evaluator.js';
import { selectTarget, type TargetSelector } from '../select-target.js';

/** Where RAG evaluators find the retrieved context by default: every retrieval span's documents. */
export const retrievalDocuments: TargetSelector = {
  kind: 'retrieval',
  field: 'documents',
  occurrence: 'all',
};

/**
 * The retrieved documents' texts for one item: from the trace's spans through `selector`, or, for runs
 * without a trace, from `metadata.context` (a string or a list of strings).
 */
export function retrievedContext(
  input: EvaluationInput,
  selector: TargetSelector,
  evaluatorName: string,
): string[] {
  const given = input.metadata?.context;
  if (given !== undefined) return contextTexts(given);
  if (input.spans && input.spans.length > 0) {
    const selection = selectTarget(input.spans, selector);
    if (!selection.success) throw new SextantError('bad_request', `${evaluatorName}: ${selection.error}`);
    return contextTexts(selection.value.value);
  }
  throw new SextantError(
    'bad_request',
    `${evaluatorName} needs the retrieved context: score a run with a trace that has a retrieval span, ` +
      `or give the item metadata.context (a string or a list of strings)`,
  );
}

/** Document texts from a list of documents or strings, or one string. */
export function contextTexts(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value
      .map((item) => (isDocument(item) ? item.content : evaluationText(item)))
      .filter((text) => text.trim());
  }
  const text = evaluationText(value);
  return text.trim() ? [text] : [];
}

function isDocument(value: unknown): value is RetrievedDocument {
  return (
    typeof value === 'object' && value !== null && typeof (value as RetrievedDocument).content === 'string'
  );
}
