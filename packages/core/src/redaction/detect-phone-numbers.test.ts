import { describe, expect, it } from 'vitest';
import { detectPhoneNumbers } from './detect-phone-numbers.js';

/** The numbers found, as text; shapes may overlap (`+1 (415) 555-0123` holds `(415) 555-0123`), so only outermost ones. */
function found(text: string): string[] {
  const matches = detectPhoneNumbers(text);
  return matches
    .filter(
      (match) =>
        !matches.some(
          (other) =>
            other !== match &&
            other.start <= match.start &&
            other.end >= match.end &&
            other.end - other.start > match.end - match.start,
        ),
    )
    .map((match) => text.slice(match.start, match.end));
}

describe('detectPhoneNumbers', () => {
  it.each([
    ['international with spaces', 'Call +44 20 7946 0958 today', '+44 20 7946 0958'],
    ['E.164 without separators', 'sms to +14155550123.', '+14155550123'],
    ['international with area code in parentheses', 'dial +1 (415) 555-0123', '+1 (415) 555-0123'],
    ['international with trunk (0)', 'Büro: +49 (0)30 12345678', '+49 (0)30 12345678'],
    ['00 international prefix', 'from abroad 0044 20 7946 0958', '0044 20 7946 0958'],
    ['French international', 'mobile +33 6 12 34 56 78', '+33 6 12 34 56 78'],
    ['North American with parentheses', 'office (415) 555-0199 ext', '(415) 555-0199'],
    ['North American with dots', 'fax 415.555.0100', '415.555.0100'],
    ['North American with country code', 'toll free 1-800-555-0199', '1-800-555-0199'],
    ['UK national', 'ring 020 7946 0958 or', '020 7946 0958'],
    ['UK mobile', 'mobile 07700 900123', '07700 900123'],
    ['French national', 'tel. 01 23 45 67 89', '01 23 45 67 89'],
    ['French national with dots', 'portable 06.12.34.56.78', '06.12.34.56.78'],
    ['German national', 'Handy 0171 1234567', '0171 1234567'],
    ['German with slash', 'Tel. 030/1234567', '030/1234567'],
    ['Brazilian with parenthesised area', 'celular (11) 91234-5678', '(11) 91234-5678'],
  ])('finds %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['ISO dates and times', 'on 2024-01-15 at 10:30:45, then 2024-01-15T10:30:00Z'],
    ['European dates', 'due 15.01.2024 or 01/02/2024 10:30'],
    ['a date followed by a number', 'on 01.02.2024 12 people came'],
    ['versions and builds', 'v1.2.3, build 10.0.19041.1234, node 20.11.1'],
    ['IP addresses', 'host 192.168.100.200 and 10.0.0.1'],
    ['plain long ids and timestamps', 'order 4155550123, ts 1700000000000, id 00012345678'],
    ['ids with letters or dashes before the digits', 'ORD-2024-000123, INV-415-555-0123, ticket#98765432'],
    ['decimals and amounts', 'pi 3.14159265358979 costs $1,234,567.89 or 12 345 678'],
    ['ranges and math', 'pages 100-200, 2+2=4, 0.5-0.75'],
    ['seven-digit local numbers', 'call 555-1234'],
    ['card numbers', '4111 1111 1111 1111'],
  ])('ignores %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
