import { describe, expect, it } from 'vitest';
import { redactText } from './redact-text.js';
import { defaultRedactionConfig, redactionConfigSchema } from './redaction-config.js';
import { resolveOverlaps } from './resolve-overlaps.js';

const message = [
  'Hi, I am Ann (ann.lee@example.com, +44 20 7946 0958).',
  'Please refund card 4111 1111 1111 1111 to IBAN DE89 3704 0044 0532 0130 00.',
  'Our key is sk-proj-Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2r; order ORD-2024-000123 from 2024-01-15.',
].join('\n');

describe('redactText', () => {
  it('replaces each kind of data with its typed placeholder and counts them', () => {
    expect(redactText(message)).toEqual({
      text: [
        'Hi, I am Ann ([REDACTED:email], [REDACTED:phone]).',
        'Please refund card [REDACTED:card] to IBAN [REDACTED:iban].',
        'Our key is [REDACTED:secret]; order ORD-2024-000123 from 2024-01-15.',
      ].join('\n'),
      redactions: { email: 1, phone: 1, card: 1, iban: 1, secret: 1 },
    });
  });

  it('lets the longest match win an overlap: an IBAN holding a phone-like run is one IBAN', () => {
    // `0044 0532 0130 00` inside the IBAN also reads as an international number after 00.
    expect(redactText('IBAN DE89 3704 0044 0532 0130 00')).toEqual({
      text: 'IBAN [REDACTED:iban]',
      redactions: { iban: 1 },
    });
  });

  it('uses a configured placeholder, with or without the type', () => {
    const angle = redactionConfigSchema.parse({ placeholder: '<{type}>' });
    expect(redactText('mail ann@example.com', angle).text).toBe('mail <email>');
    const stars = redactionConfigSchema.parse({ placeholder: '***' });
    expect(redactText('mail ann@example.com or 415-555-0123', stars)).toEqual({
      text: 'mail *** or ***',
      redactions: { email: 1, phone: 1 },
    });
  });

  it('is idempotent: redacting the redacted text changes nothing, placeholders included', () => {
    for (const placeholder of ['[REDACTED:{type}]', '<{type}>', '#{type}#']) {
      const config = redactionConfigSchema.parse({
        placeholder,
        customPatterns: [{ name: 'upper_word', pattern: '\\b[A-Z]{5,}\\b' }],
      });
      const once = redactText(`${message}\npassword=hunter2 REDACTED`, config);
      const twice = redactText(once.text, config);
      expect(twice).toEqual({ text: once.text, redactions: {} });
    }
  });

  it('runs only the detectors that are on, and nothing when disabled', () => {
    const noPhones = redactionConfigSchema.parse({ detectors: { phone: false } });
    expect(redactText('ann@example.com 415-555-0123', noPhones).text).toBe('[REDACTED:email] 415-555-0123');
    const disabled = redactionConfigSchema.parse({ enabled: false });
    expect(redactText(message, disabled)).toEqual({ text: message, redactions: {} });
  });

  it('returns the same string when nothing matched', () => {
    const text = 'The quarterly report shows 12% growth in 2024 across 3 regions.';
    expect(redactText(text)).toEqual({ text, redactions: {} });
  });
});

describe('redactionConfigSchema', () => {
  it('defaults to every built-in detector, no custom patterns and the bracket placeholder', () => {
    expect(redactionConfigSchema.parse({})).toEqual({
      enabled: true,
      detectors: { email: true, phone: true, card: true, iban: true, secret: true },
      customPatterns: [],
      placeholder: '[REDACTED:{type}]',
    });
    expect(defaultRedactionConfig.detectors.secret).toBe(true);
  });

  it('refuses a placeholder that is only the type', () => {
    const parsed = redactionConfigSchema.safeParse({ placeholder: '{type}' });
    expect(parsed.error?.issues[0]?.message).toBe(
      "a placeholder needs some text besides '{type}', e.g. '[REDACTED:{type}]'",
    );
  });
});

describe('resolveOverlaps', () => {
  const rank = new Map([
    ['custom', 0],
    ['secret', 1],
    ['email', 2],
    ['phone', 3],
  ]);

  it('merges overlapping matches into one range typed by the longest, keeps touching ones apart', () => {
    expect(
      resolveOverlaps(
        [
          { start: 10, end: 14, type: 'phone' },
          { start: 0, end: 5, type: 'phone' },
          { start: 3, end: 9, type: 'email' },
          { start: 14, end: 20, type: 'secret' },
        ],
        rank,
      ),
    ).toEqual([
      { start: 0, end: 9, type: 'email' },
      { start: 10, end: 14, type: 'phone' },
      { start: 14, end: 20, type: 'secret' },
    ]);
  });

  it('breaks a tie in length by rank', () => {
    expect(
      resolveOverlaps(
        [
          { start: 0, end: 8, type: 'phone' },
          { start: 0, end: 8, type: 'custom' },
          { start: 0, end: 8, type: 'email' },
        ],
        rank,
      ),
    ).toEqual([{ start: 0, end: 8, type: 'custom' }]);
  });
});
