import type { CanonicalSpan } from '../span/canonical-span.js';
import type { OnlineEvalFilter } from './online-eval-rule.js';

/**
 * Whether a trace's spans match a rule's filter, with the trace list's meaning: the name is the root
 * span's, kind/model/prompt/release match any span, tags must all be present, status is the trace's.
 */
export function matchesTraceFilter(spans: readonly CanonicalSpan[], filter: OnlineEvalFilter): boolean {
  const root = spans.find((span) => span.parentSpanId === null) ?? spans[0];
  if (!root) return false;
  const any = (test: (span: CanonicalSpan) => boolean) => spans.some(test);
  if (filter.name !== undefined && root.name !== filter.name) return false;
  if (filter.kind !== undefined && !any((span) => span.kind === filter.kind)) return false;
  if (filter.model !== undefined && !any((span) => span.model === filter.model)) return false;
  if (filter.userId !== undefined && !any((span) => span.userId === filter.userId)) return false;
  if (filter.releaseId !== undefined && !any((span) => span.releaseId === filter.releaseId)) return false;
  if (
    filter.promptName !== undefined &&
    !any(
      (span) =>
        span.promptName === filter.promptName &&
        (filter.promptVersion === undefined || span.promptVersion === filter.promptVersion),
    )
  ) {
    return false;
  }
  if (filter.status !== undefined) {
    const status = any((span) => span.status === 'error') ? 'error' : 'ok';
    if (status !== filter.status) return false;
  }
  const tags = new Set(spans.flatMap((span) => span.tags));
  return (filter.tags ?? []).every((tag) => tags.has(tag));
}
