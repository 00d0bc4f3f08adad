import { describe, expect, it } from 'vitest';
import { redactText } from './redact-text.js';
import { redactionConfigSchema } from './redaction-config.js';

const length = 100_000;

// Inputs built to make a careless pattern backtrack: long runs of the characters each detector
// looks for, with the match failing at the end.
const adversarial: Record<string, string> = {
  'spaced digits': '1 '.repeat(length / 2),
  'one long digit run': '7'.repeat(length),
  'at signs': 'a@'.repeat(length / 2),
  'a long local part without an at sign': `${'a'.repeat(length)}!@example.com`,
  'a long domain': `x@${'a-'.repeat(length / 2)}`,
  'plus signs': '+1 '.repeat(length / 3),
  dashes: '-'.repeat(length),
  'key prefixes': 'sk-'.repeat(length / 3) + 'gh_'.repeat(length / 3),
  'JWT starts': 'eyJaaaaa.'.repeat(length / 9),
  'AWS prefixes': 'AKIA'.repeat(length / 4),
  'unterminated quoted password': `password: "${'x'.repeat(length)}`,
  'URL schemes without credentials': 'a://b:'.repeat(length / 6),
  'private key headers without an end': '-----BEGIN PRIVATE KEY-----'.repeat(length / 27),
  'IBAN starts': 'GB82 '.repeat(length / 5),
  'card groups': '4111 '.repeat(length / 5),
  dates: '2024-01-15 '.repeat(length / 11),
};

describe('redaction of hostile input', () => {
  it('stays linear: 100 kB of each adversarial input is redacted in well under a second', () => {
    const started = performance.now();
    for (const [name, text] of Object.entries(adversarial)) {
      const start = performance.now();
      redactText(text);
      // Measured at 1-25 ms each; a backtracking regression costs seconds to hours.
      expect(performance.now() - start, name).toBeLessThan(1000);
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('bounds a slow custom pattern by scanning long strings in windows', () => {
    // Quadratic on one unbroken run of word characters: about 6 s on 100 kB in one piece, 0.3 s in windows.
    const config = redactionConfigSchema.parse({
      customPatterns: [{ name: 'assignment', pattern: '\\w+=\\d' }],
    });
    const start = performance.now();
    expect(redactText(`${'a'.repeat(length)}=x`, config).redactions).toEqual({});
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('redaction of ordinary telemetry', () => {
  it.each([
    ['a UUID', 'request 123e4567-e89b-12d3-a456-426614174000 done'],
    ['a SHA-256 digest', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    [
      'a base64 image prefix',
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    ],
    ['a trace and span id', 'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7'],
    ['microsecond timestamps', '{"startTimeUs":1718000000000000,"endTimeUs":1718000001250000}'],
    [
      'an OpenAI request body',
      '{"model":"gpt-4o-mini-2024-07-18","temperature":0.2,"max_tokens":512,"top_p":1,"messages":[{"role":"user","content":"Hi"}]}',
    ],
    [
      'a Python stack trace',
      'Traceback (most recent call last):\n  File "/app/main.py", line 42, in handler\n    raise ValueError("bad input")',
    ],
    ['semantic versions and ranges', 'requires node >=20.11.1 <23, typescript 5.6.3, @biomejs/biome@2.2.4'],
    ['money, percentages and quantities', 'Revenue $1,234,567.89 (+12.5%), 3 500 units, 0.000123 BTC'],
    ['a log line', '2024-06-10T12:30:45.123Z INFO [worker-3] processed 1024 spans in 87 ms (p99 12.4 ms)'],
    [
      'code with keys',
      'const tokens = countTokens(text); const keyFn = (item) => item.id; const secretsManager = new SecretsManager();',
    ],
    ['a prompt about passwords', 'Explain why a password manager helps, and what an API key is used for.'],
  ])('leaves %s alone', (_, text) => {
    expect(redactText(text)).toEqual({ text, redactions: {} });
  });
});
