import { describe, expect, it } from 'vitest';
import { detectEmailAddresses } from './detect-email-addresses.js';

function found(text: string): string[] {
  return detectEmailAddresses(text).map((match) => text.slice(match.start, match.end));
}

describe('detectEmailAddresses', () => {
  it('finds addresses in sentences, without the punctuation around them', () => {
    expect(found('Please write to ann.lee@example.com.')).toEqual(['ann.lee@example.com']);
    expect(found('Contact: <bob+invoices@mail.example.co.uk>, or "carol_o@sub-domain.example.org"')).toEqual([
      'bob+invoices@mail.example.co.uk',
      'carol_o@sub-domain.example.org',
    ]);
    expect(found('mailto:support@sextant.dev?subject=hi')).toEqual(['support@sextant.dev']);
    expect(found('{"email":"dave.smith-99@example.io"}')).toEqual(['dave.smith-99@example.io']);
  });

  it('leaves handles, versions, file names and hosts without a top-level domain alone', () => {
    expect(found('thanks @ann, see @scope/package and pkg@1.2.3')).toEqual([]);
    expect(found('icon@2x.png, logo@3x.webp')).toEqual([]);
    expect(found('ssh root@localhost or user@192.168.0.1')).toEqual([]);
    expect(found('two dots ann..@example.com and a trailing dot ann.@example.com')).toEqual([]);
  });

  it('reports UTF-16 offsets into the original text', () => {
    const text = '📧 mail ann@example.com';
    expect(detectEmailAddresses(text)).toEqual([{ start: 8, end: 23, type: 'email' }]);
  });
});
