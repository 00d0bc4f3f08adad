import { describe, expect, it } from 'vitest';
import {
  compileCustomPattern,
  customPatternWindowLength,
  customPatternWindowOverlap,
} from './custom-pattern.js';
import { findNestedQuantifier } from './find-nested-quantifier.js';
import { redactText } from './redact-text.js';
import { redactionConfigSchema } from './redaction-config.js';

function compileError(pattern: string, flags = ''): string {
  const result = compileCustomPattern({ name: 'employee_id', pattern, flags });
  if (result.success) throw new Error(`expected /${pattern}/ to be rejected`);
  return result.error;
}

describe('custom patterns', () => {
  it('redact what they match under their own name, with their flags', () => {
    const config = redactionConfigSchema.parse({
      customPatterns: [
        { name: 'employee_id', pattern: 'EMP-\\d{6}' },
        { name: 'project_code', pattern: 'project (alpha|omega)', flags: 'i' },
      ],
    });
    expect(redactText('EMP-004211 works on Project Omega, not EMP-12.', config)).toEqual({
      text: '[REDACTED:employee_id] works on [REDACTED:project_code], not EMP-12.',
      redactions: { employee_id: 1, project_code: 1 },
    });
  });

  it('reject invalid regular expressions with a message naming the pattern', () => {
    expect(compileError('EMP-(\\d+')).toMatch(
      /^custom pattern 'employee_id' is not a valid regular expression: .*Unterminated group/,
    );
    expect(compileError('a', 'q')).toMatch(
      /^custom pattern 'employee_id' is not a valid regular expression: .*flags/,
    );
  });

  it.each(['\\d*', 'a?', '\\b', '(?:)', 'x|', '^'])(
    'reject /%s/, which matches the empty string',
    (pattern) => {
      expect(compileError(pattern)).toContain("custom pattern 'employee_id' (/");
      expect(compileError(pattern)).toContain('matches the empty string');
    },
  );

  it.each(['(a+)+$', '(\\w+\\s?)*x', '(\\d+|x)+y', '((ab)*)+c', '(?:[a-z]+){2,}!'])(
    'reject /%s/, which can backtrack exponentially',
    (pattern) => {
      expect(compileError(pattern)).toMatch(
        /^custom pattern 'employee_id' repeats a group that itself repeats/,
      );
    },
  );

  it('are refused by the config schema with the same messages, at the pattern that is wrong', () => {
    const parsed = redactionConfigSchema.safeParse({
      customPatterns: [
        { name: 'ok', pattern: 'K-\\d+' },
        { name: 'broken', pattern: '[a-' },
        { name: 'email', pattern: 'x' },
        { name: 'ok', pattern: 'y' },
      ],
    });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];
    expect(issues).toContainEqual([
      'customPatterns.1.pattern',
      expect.stringMatching(/^custom pattern 'broken' is not a valid/),
    ]);
    expect(issues).toContainEqual([
      'customPatterns.2.name',
      expect.stringContaining("'email' is a built-in detector"),
    ]);
    expect(issues).toContainEqual([
      'customPatterns.3.name',
      "custom pattern name 'ok' is used twice; names must be unique",
    ]);
  });

  it('find matches on both sides of a window boundary in long strings, at their true offsets', () => {
    const detector = compileCustomPattern({ name: 'ticket', pattern: 'TCK-\\d{5}', flags: '' });
    if (!detector.success) throw new Error(detector.error);
    const boundary = customPatternWindowLength - customPatternWindowOverlap;
    const text = `${'.'.repeat(customPatternWindowLength - 5)}TCK-12345${'.'.repeat(boundary * 3)}TCK-67890`;
    const found = detector.value.detect(text).map((match) => text.slice(match.start, match.end));
    expect([...new Set(found)]).toEqual(['TCK-12345', 'TCK-67890']);
  });
});

describe('findNestedQuantifier', () => {
  it.each([
    '(\\w+\\.)+\\w+',
    '(\\.\\w+)+',
    '(?:[A-Z]{2}\\d+)+',
    '([a-z]+){1,5}',
    '[(a+)+]',
    '\\(a+\\)+',
    '(a|b)+',
    '(?<year>\\d{4})-\\k<year>',
  ])('accepts /%s/', (pattern) => {
    expect(findNestedQuantifier(pattern)).toBeNull();
  });

  it('names the offending group', () => {
    expect(findNestedQuantifier('^ID:(\\d+\\s*)+$')).toBe('(\\d+\\s*)+');
  });
});
