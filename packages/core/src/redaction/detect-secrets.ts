import type { PiiDetector, PiiMatch } from './pii-match.js';
import { secretFamilies, secretFamily } from './secret-trigger.js';

/**
 * One kind of secret. With capture groups, only the first group that took part in the match is
 * redacted (the value of `password=...`, not the key); without, the whole match.
 */
export interface SecretRule {
  name: string;
  /** The rule runs only when its family's cheap check fires (see `secretFamily`). */
  family: number;
  /** Global, with the `d` flag when it has capture groups. */
  pattern: RegExp;
  /** Rejects values that only look like secrets (`password: null`). */
  accept?: (value: string) => boolean;
}

// The value after `key:` / `key=` / `key =>`: double-quoted (JSON escapes allowed), single-quoted,
// quoted inside an already escaped JSON string (`\"...\"`), a `${VARIABLE}` reference (which
// `isPlausibleSecret` then rejects), or a bare run up to a delimiter.
const assignedValue = String.raw`\\?["']?[ \t]*(?:=>|:=|[:=])\s*(?:"((?:[^"\\\r\n]|\\.){1,256})"|'([^'\r\n]{1,256})'|\\"((?:[^"\\\r\n]|\\(?!")){1,256})\\"|(\$\{[^}\s]{1,64}\}|[^\s"'\\,;&)}\]{[<>]{1,256}))`;

const strongKeys =
  'passw(?:or)?d|passphrase|secret(?:[_-]?key)?|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?';
// `token` after a qualifier that makes it a credential; `eos_token` and `max_tokens` stay.
const qualifiedTokenKey =
  '(?<=(?:access|auth|refresh|session|id|api|bearer|private|secret|csrf|oauth|github|gitlab|slack|hf|npm)[_-]?)token';
// A bare `token` is also a logprob entry (`{"token": "Hello", "logprob": -0.3}`), so its value must
// look random: 16 or more characters with a digit.
const bareTokenKey = '(?<![A-Za-z0-9_.-])token';

const notSecretValues =
  /^(?:null|none|nil|undefined|true|false|string|\*+|x{3,}|\.{3}|\$\{[^}]*\}|\{\{[^}]*\}\})$/i;

/** False for values that only stand in for a secret: `null`, `***`, `${DB_PASSWORD}`, empty. */
export function isPlausibleSecret(value: string): boolean {
  if (value.trim().length === 0) return false;
  return !notSecretValues.test(value.trim());
}

function hasDigit(value: string): boolean {
  return /\d/.test(value);
}

/** Built-in secret rules, most specific first: when two rules find the same range, the first names it. */
export const secretRules: readonly SecretRule[] = [
  {
    name: 'private-key',
    family: secretFamily.dash,
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,-]*)/g,
  },
  { name: 'anthropic-api-key', family: secretFamily.dash, pattern: /(?<![\w-])sk-ant-[A-Za-z0-9_-]{20,}/g },
  { name: 'sextant-api-key', family: secretFamily.dash, pattern: /(?<![\w-])sk-sx-[A-Za-z0-9_-]{20,}/g },
  {
    name: 'openai-api-key',
    family: secretFamily.dash,
    pattern: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
  },
  {
    name: 'aws-access-key-id',
    family: secretFamily.capitalA,
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    name: 'aws-secret-access-key',
    family: secretFamily.assignment,
    pattern: /aws_?secret_?access_?key\\?["']?[ \t]*[:=]\s*\\?["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/dgi,
  },
  {
    name: 'github-token',
    family: secretFamily.underscore,
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
  },
  {
    name: 'slack-token',
    family: secretFamily.dash,
    pattern: /(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}/g,
  },
  { name: 'google-api-key', family: secretFamily.capitalA, pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}/g },
  {
    name: 'stripe-key',
    family: secretFamily.underscore,
    pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[0-9A-Za-z]{16,}/g,
  },
  {
    name: 'huggingface-token',
    family: secretFamily.underscore,
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/g,
  },
  {
    name: 'jwt',
    family: secretFamily.jwt,
    pattern: /(?<![\w-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  },
  {
    name: 'url-credentials',
    family: secretFamily.url,
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/?#"']{1,256}:([^\s@/?#"']{1,256})@/dgi,
    accept: isPlausibleSecret,
  },
  {
    name: 'authorization-header',
    family: secretFamily.assignment,
    pattern:
      /authorization\\?["']?[ \t]*[:=]\s*\[?\s*\\?["']?(?:(?:bearer|basic|token|apikey)\s+)?([A-Za-z0-9._~+/=-]{8,})/dgi,
  },
  {
    name: 'bearer-token',
    family: secretFamily.bearer,
    pattern: /\b(?:Bearer|BEARER)\s+([A-Za-z0-9._~+/-]{16,}=*)/dg,
    accept: hasDigit,
  },
  {
    name: 'password-assignment',
    family: secretFamily.assignment,
    pattern: new RegExp(`(?:${strongKeys})${assignedValue}`, 'dgi'),
    accept: isPlausibleSecret,
  },
  {
    name: 'token-assignment',
    family: secretFamily.assignment,
    pattern: new RegExp(`${qualifiedTokenKey}${assignedValue}`, 'dgi'),
    accept: (value) => value.length >= 8 && !/\s/.test(value) && isPlausibleSecret(value),
  },
  {
    name: 'bare-token-assignment',
    family: secretFamily.assignment,
    pattern: new RegExp(`${bareTokenKey}${assignedValue}`, 'dgi'),
    accept: (value) => value.length >= 16 && !/\s/.test(value) && hasDigit(value),
  },
];

function valueRange(match: RegExpExecArray): [number, number] {
  const indices = match.indices;
  if (indices) {
    for (let group = 1; group < indices.length; group++) {
      const range = indices[group];
      if (range) return range;
    }
  }
  return [match.index, match.index + match[0].length];
}

/**
 * API keys and secrets by known shapes: OpenAI, Anthropic, Sextant (`sk-sx-`), AWS, GitHub, Slack,
 * Google, Stripe and Hugging Face keys, JWTs, PEM private keys, passwords in URLs, Authorization
 * headers, Bearer tokens, and `password=` / `api_key:` / `secret:` / `access_token=` assignments.
 * @example detectSecrets('OPENAI_API_KEY=sk-proj-...') // [{ type: 'secret', rule: 'openai-api-key', ... }]
 */
export function detectSecrets(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  const families = secretFamilies(text);
  if (families === 0) return matches;
  const seen = new Set<string>();
  for (const rule of secretRules) {
    if ((rule.family & families) === 0) continue;
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match !== null; match = rule.pattern.exec(text)) {
      const [start, end] = valueRange(match);
      const key = `${start}:${end}`;
      if (start === end || seen.has(key) || (rule.accept && !rule.accept(text.slice(start, end)))) continue;
      seen.add(key);
      matches.push({ start, end, type: 'secret', rule: rule.name });
    }
  }
  return matches;
}

/** The built-in `secret` detector. */
export const secretDetector: PiiDetector = {
  type: 'secret',
  // The shortest text a rule matches in: `secret=x`.
  minimumLength: 8,
  trigger: (text) => secretFamilies(text) !== 0,
  detect: detectSecrets,
};
