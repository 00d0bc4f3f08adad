import type { PiiDetector, PiiMatch } from './pii-match.js';
import { defaultRedactionConfig, type RedactionConfig } from './redaction-config.js';
import { type RedactionPlan, redactionPlan } from './redaction-plan.js';
import { resolveOverlaps } from './resolve-overlaps.js';

/** How many matches of each type were replaced, e.g. `{ email: 2, card: 1 }`; types with none are absent. */
export type RedactionCounts = Record<string, number>;

/** Redacted text and what was replaced in it. */
export interface TextRedaction {
  text: string;
  redactions: RedactionCounts;
}

function placeholderRanges(text: string, plan: RedactionPlan): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (!text.includes(plan.placeholderMarker)) return ranges;
  const pattern = plan.placeholderPattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

/** Matches that overlap a placeholder already in the text are dropped: redacting twice changes nothing. */
function outsidePlaceholders(text: string, matches: PiiMatch[], plan: RedactionPlan): PiiMatch[] {
  const ranges = placeholderRanges(text, plan);
  if (ranges.length === 0) return matches;
  return matches.filter((match) => ranges.every(([start, end]) => match.end <= start || match.start >= end));
}

/**
 * Redacts one string with a compiled plan, adding what it replaced to `counts`. Returns the same
 * string when nothing matched. The hot path for span redaction.
 */
export function redactWithPlan(text: string, plan: RedactionPlan, counts: RedactionCounts): string {
  let matches: PiiMatch[] | undefined;
  // Bit i of `tested` is set once trigger i ran, and of `fired` when it fired (see RedactionPlan.triggerOf).
  let tested = 0;
  let fired = 0;
  for (let index = 0; index < plan.detectors.length; index++) {
    const detector = plan.detectors[index] as PiiDetector;
    if (text.length < detector.minimumLength) continue;
    const bit = 1 << (plan.triggerOf[index] as number);
    if ((tested & bit) === 0) {
      tested |= bit;
      if (detector.trigger(text)) fired |= bit;
    }
    if ((fired & bit) === 0) continue;
    const found = detector.detect(text);
    if (found.length > 0) matches = matches ? matches.concat(found) : found;
  }
  if (!matches) return text;
  const resolved = resolveOverlaps(outsidePlaceholders(text, matches, plan), plan.rank);
  if (resolved.length === 0) return text;
  let result = '';
  let position = 0;
  for (const match of resolved) {
    result += text.slice(position, match.start) + plan.placeholder(match.type);
    position = match.end;
    counts[match.type] = (counts[match.type] ?? 0) + 1;
  }
  return result + text.slice(position);
}

/**
 * Replaces personal data and secrets in a string with typed placeholders. Overlapping matches merge
 * into one placeholder typed by the longest match. Idempotent: placeholders are never redacted again.
 * @example redactText('write to ann@example.com') // { text: 'write to [REDACTED:email]', redactions: { email: 1 } }
 */
export function redactText(text: string, config: RedactionConfig = defaultRedactionConfig): TextRedaction {
  const redactions: RedactionCounts = {};
  if (!config.enabled) return { text, redactions };
  return { text: redactWithPlan(text, redactionPlan(config), redactions), redactions };
}
