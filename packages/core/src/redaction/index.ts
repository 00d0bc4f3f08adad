// PII and secret redaction applied at ingestion, before a span is stored.
// Imported as `@sextant/core/redaction`.
export {
  type BuiltInDetectorType,
  builtInDetectorTypes,
  type CustomPattern,
  compileCustomPattern,
  customPatternSchema,
  customPatternWindowLength,
  customPatternWindowOverlap,
} from './custom-pattern.js';
export { cardIssuer, cardNumberDetector, detectCardNumbers, isLuhnValid } from './detect-card-numbers.js';
export { detectEmailAddresses, emailAddressDetector } from './detect-email-addresses.js';
export { detectIbans, ibanDetector, isValidIban } from './detect-ibans.js';
export { detectPhoneNumbers, phoneNumberDetector } from './detect-phone-numbers.js';
export { detectSecrets, type SecretRule, secretDetector, secretRules } from './detect-secrets.js';
export type { PiiDetector, PiiMatch } from './pii-match.js';
export { redactionsAttribute, redactSpan, type SpanRedaction } from './redact-span.js';
export { type RedactionCounts, redactText, type TextRedaction } from './redact-text.js';
export {
  defaultPlaceholder,
  defaultRedactionConfig,
  type RedactionConfig,
  type RedactionConfigInput,
  redactionConfigSchema,
} from './redaction-config.js';
