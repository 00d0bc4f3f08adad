import { describe, expect, it } from 'vitest';
import { cardIssuer, detectCardNumbers, isLuhnValid } from './detect-card-numbers.js';

function found(text: string): string[] {
  return detectCardNumbers(text).map((match) => text.slice(match.start, match.end));
}

describe('detectCardNumbers', () => {
  it.each([
    ['visa', '4111 1111 1111 1111'],
    ['visa', '4012888888881881'],
    ['mastercard', '5555-5555-5555-4444'],
    ['mastercard', '2223003122003222'],
    ['american-express', '3782 822463 10005'],
    ['american-express', '371449635398431'],
    ['discover', '6011 1111 1111 1117'],
    ['diners-club', '3056 930902 5904'],
    ['jcb', '3530111333300000'],
    ['unionpay', '6200000000000005'],
  ])('finds a Luhn-valid %s test number (%s)', (issuer, number) => {
    const matches = detectCardNumbers(`paid with ${number}.`);
    expect(matches).toEqual([{ start: 10, end: 10 + number.length, type: 'card', rule: issuer }]);
  });

  it('ignores Luhn-invalid numbers, unknown issuers, floats, ids and mixed separators', () => {
    expect(found('card 4111 1111 1111 1112')).toEqual([]);
    expect(isLuhnValid('1234567812345670')).toBe(true);
    expect(found('ref 1234 5678 1234 5670')).toEqual([]);
    expect(found('x = 0.4111111111111111')).toEqual([]);
    expect(found('start 1718000000000000 µs, ORD4111111111111111')).toEqual([]);
    expect(found('4111 1111-1111 1111 and 41111 11111 11111 1')).toEqual([]);
    expect(found('a 20-digit run 41111111111111111111')).toEqual([]);
  });

  it('finds a card next to another number', () => {
    expect(found('4111 1111 1111 1111 202')).toEqual(['4111 1111 1111 1111']);
    expect(found('qty 2 4111 1111 1111 1111')).toEqual(['4111 1111 1111 1111']);
    expect(found('ids 12-34 5555-5555-5555-4444')).toEqual(['5555-5555-5555-4444']);
  });

  it('checks Luhn and issuers directly', () => {
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
    expect(cardIssuer('4111111111111111')).toBe('visa');
    expect(cardIssuer('411111111111111')).toBeNull();
  });
});
