import { describe, expect, it } from 'vitest';
import { detectIbans, isValidIban } from './detect-ibans.js';

function found(text: string): string[] {
  return detectIbans(text).map((match) => text.slice(match.start, match.end));
}

// Examples from the SWIFT IBAN registry and the ECBS.
const registryExamples = [
  'GB82 WEST 1234 5698 7654 32',
  'DE89 3704 0044 0532 0130 00',
  'FR14 2004 1010 0505 0001 3M02 606',
  'NL91 ABNA 0417 1643 00',
  'BE68 5390 0754 7034',
  'CH93 0076 2011 6238 5295 7',
  'ES91 2100 0418 4502 0005 1332',
  'IT60 X054 2811 1010 0000 0123 456',
  'NO93 8601 1117 947',
  'AT61 1904 3002 3457 3201',
  'PL61 1090 1014 0000 0712 1981 2874',
];

describe('detectIbans', () => {
  it.each(registryExamples)('finds %s printed and compact', (iban) => {
    expect(found(`pay to ${iban}, thanks`)).toEqual([iban]);
    const compact = iban.replace(/ /g, '');
    expect(found(`IBAN:${compact}.`)).toEqual([compact]);
    expect(isValidIban(compact.toLowerCase())).toBe(true);
  });

  it('ignores a wrong check digit, a wrong length and unknown countries', () => {
    expect(found('GB83 WEST 1234 5698 7654 32')).toEqual([]);
    expect(found('DE89 3704 0044 0532 0130 0')).toEqual([]);
    expect(found('DE89370400440532013000123')).toEqual([]);
    expect(found('ZZ82WEST12345698765432')).toEqual([]);
    expect(found('model ab12cdefghijklmnop and XY99 0000 0000')).toEqual([]);
  });

  it('stops at the country length when words follow a printed IBAN', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00 12 months')).toEqual(['DE89 3704 0044 0532 0130 00']);
  });
});
