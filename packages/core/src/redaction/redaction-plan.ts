import { SextantError } from '../errors.js';
import { compileCustomPattern } from './custom-pattern.js';
import { cardNumberDetector } from './detect-card-numbers.js';
import { emailAddressDetector } from './detect-email-addresses.js';
import { ibanDetector } from './detect-ibans.js';
import { phoneNumberDetector } from './detect-phone-numbers.js';
import { secretDetector } from './detect-secrets.js';
import type { PiiDetector } from './pii-match.js';
import type { RedactionConfig } from './redaction-config.js';

/** A config compiled for the hot path: detectors in tie-breaking order and the placeholder renderer. */
export interface RedactionPlan {
  /** Custom patterns first, then secret, card, iban, email, phone: on equal length, earlier wins. */
  detectors: readonly PiiDetector[];
  /**
   * For each detector, the index of its trigger among the distinct triggers (fewer than 31: every
   * custom pattern shares one), so a trigger shared by several detectors runs once per string.
   */
  triggerOf: readonly number[];
  /** Rank of each type in `detectors` (lower wins a tie). */
  rank: ReadonlyMap<string, number>;
  placeholder(type: string): string;
  /** Literal text every rendered placeholder contains; strings without it hold no placeholder. */
  placeholderMarker: string;
  /** Matches any rendered placeholder, so that redacting twice leaves placeholders alone. */
  placeholderPattern: RegExp;
  /** True when the whole text is one rendered placeholder. */
  isPlaceholder(text: string): boolean;
}

const builtInOrder = [
  secretDetector,
  cardNumberDetector,
  ibanDetector,
  emailAddressDetector,
  phoneNumberDetector,
];

const plans = new WeakMap<RedactionConfig, RedactionPlan>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compilePlan(config: RedactionConfig): RedactionPlan {
  const detectors: PiiDetector[] = [];
  for (const custom of config.customPatterns) {
    const compiled = compileCustomPattern(custom);
    if (!compiled.success) throw new SextantError('bad_request', compiled.error);
    detectors.push(compiled.value);
  }
  for (const detector of builtInOrder) {
    if (config.detectors[detector.type as keyof RedactionConfig['detectors']]) detectors.push(detector);
  }
  const parts = config.placeholder.split('{type}');
  const rendered = new Map<string, string>();
  const placeholderSource = parts.map(escapeRegExp).join('[a-z][a-z0-9_]*');
  const wholePlaceholder = new RegExp(`^(?:${placeholderSource})$`);
  const triggers = [...new Set(detectors.map((detector) => detector.trigger))];
  return {
    detectors,
    triggerOf: detectors.map((detector) => triggers.indexOf(detector.trigger)),
    rank: new Map(detectors.map((detector, index) => [detector.type, index])),
    placeholder(type) {
      let text = rendered.get(type);
      if (text === undefined) {
        text = parts.join(type);
        rendered.set(type, text);
      }
      return text;
    },
    placeholderMarker: parts.reduce((longest, part) => (part.length > longest.length ? part : longest), ''),
    placeholderPattern: new RegExp(placeholderSource, 'g'),
    isPlaceholder: (text) => wholePlaceholder.test(text),
  };
}

/**
 * The compiled form of a config, built once per config object. Throws a `bad_request`
 * SextantError naming the pattern when a custom pattern is invalid (a config that passed
 * `redactionConfigSchema` never is).
 */
export function redactionPlan(config: RedactionConfig): RedactionPlan {
  let plan = plans.get(config);
  if (!plan) {
    plan = compilePlan(config);
    plans.set(config, plan);
  }
  return plan;
}
