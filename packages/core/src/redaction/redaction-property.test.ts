import { describe, expect, it } from 'vitest';
import { emptySpan } from '../span/canonical-span.js';
import { isLuhnValid } from './detect-card-numbers.js';
import { isValidIban } from './detect-ibans.js';
import { redactionsAttribute, redactSpan } from './redact-span.js';
import type { RedactionCounts } from './redact-text.js';
import { redactText } from './redact-text.js';

/** mulberry32: a tiny seeded generator, so a failing document can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));
const characters = (random: Random, alphabet: string, length: number): string =>
  Array.from({ length }, () => pick(random, [...alphabet])).join('');

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const base62 = lower + upper + digits;

/** An item of personal data: `kept` stays in the text (`password=`), `value` must be replaced. */
interface Planted {
  type: string;
  kept: string;
  value: string;
}

function email(random: Random): Planted {
  const local =
    characters(random, lower, between(random, 2, 8)) + pick(random, ['', '.lee', '+news', '_99', '-jr']);
  const domain = `${characters(random, lower, between(random, 3, 10))}.${pick(random, ['com', 'org', 'io', 'co.uk', 'de'])}`;
  return { type: 'email', kept: '', value: `${local}@${domain}` };
}

function phone(random: Random): Planted {
  const area = `${between(random, 2, 9)}${characters(random, digits, 2)}`;
  const exchange = `${between(random, 2, 9)}${characters(random, digits, 2)}`;
  const line = characters(random, digits, 4);
  const value = pick(random, [
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `+1${area}${exchange}${line}`,
    `+44 20 ${characters(random, digits, 4)} ${characters(random, digits, 4)}`,
    `+33 6 ${characters(random, digits, 2)} ${characters(random, digits, 2)} ${characters(random, digits, 2)} ${characters(random, digits, 2)}`,
    `020 ${characters(random, digits, 4)} ${characters(random, digits, 4)}`,
    `0${between(random, 6, 7)} ${characters(random, digits, 2)} ${characters(random, digits, 2)} ${characters(random, digits, 2)} ${characters(random, digits, 2)}`,
  ]);
  return { type: 'phone', kept: '', value };
}

function luhnCompleted(partial: string): string {
  for (let check = 0; check <= 9; check++) if (isLuhnValid(partial + check)) return partial + check;
  throw new Error('unreachable');
}

function card(random: Random): Planted {
  const [prefix, length] = pick(random, [
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['34', 15],
    ['37', 15],
    ['6011', 16],
  ] as const);
  const number = luhnCompleted(prefix + characters(random, digits, length - prefix.length - 1));
  const groups = length === 15 ? [4, 6, 5] : [4, 4, 4, 4];
  const separator = pick(random, ['', ' ', '-']);
  const parts: string[] = [];
  let offset = 0;
  for (const size of groups) {
    parts.push(number.slice(offset, offset + size));
    offset += size;
  }
  const grouped = parts.join(separator);
  return { type: 'card', kept: '', value: grouped };
}

function mod97(text: string): number {
  let remainder = 0;
  for (const character of text)
    remainder = (remainder * (character >= 'A' ? 100 : 10) + Number.parseInt(character, 36)) % 97;
  return remainder;
}

function iban(random: Random): Planted {
  const [country, bban] = pick(random, [
    ['GB', () => characters(random, upper, 4) + characters(random, digits, 14)],
    ['DE', () => characters(random, digits, 18)],
    ['NL', () => characters(random, upper, 4) + characters(random, digits, 10)],
    [
      'FR',
      () =>
        characters(random, digits, 10) +
        characters(random, upper + digits, 11) +
        characters(random, digits, 2),
    ],
  ] as const);
  const body = bban();
  const check = String(98 - mod97(`${body}${country}00`)).padStart(2, '0');
  const compact = `${country}${check}${body}`;
  if (!isValidIban(compact)) throw new Error(`generated an invalid IBAN ${compact}`);
  const printed = random() < 0.5 ? compact : (compact.match(/.{1,4}/g) ?? []).join(' ');
  return { type: 'iban', kept: '', value: printed };
}

function secret(random: Random): Planted {
  const [kept, value] = pick(random, [
    ['', `sk-proj-${characters(random, `${base62}_-`, 40)}`],
    ['', `sk-sx-${characters(random, `${base62}_-`, 43)}`],
    ['', `ghp_${characters(random, base62, 36)}`],
    ['', `AKIA${characters(random, upper + digits, 16)}`],
    ['', `xoxb-${characters(random, digits, 11)}-${characters(random, base62, 24)}`],
    [
      '',
      `eyJ${characters(random, base62, 20)}.eyJ${characters(random, base62, 30)}.${characters(random, base62, 43)}`,
    ],
    ['password=', characters(random, base62, between(random, 6, 16))],
    ['api_key: ', characters(random, base62, 32)],
  ] as const);
  return { type: 'secret', kept, value };
}

const fillerWords = [
  'the',
  'order',
  'arrived',
  'late',
  'please',
  'check',
  'its',
  'status',
  'and',
  'reply',
  'soon',
  'we',
  'shipped',
  'three',
  'books',
  'on',
  'Monday',
  'thanks',
  'for',
  'waiting',
  'invoice',
  'team',
  'report',
  'growth',
  'in',
  'regions',
  'v2',
  'route',
  'café',
  'naïve',
  '—',
  'Q3',
  'item',
];

function filler(random: Random): string {
  const words = Array.from({ length: between(random, 1, 6) }, () =>
    random() < 0.15 ? String(between(random, 0, 99)) : pick(random, fillerWords),
  );
  // Numbers stay inside the filler, never right next to a planted item.
  if (/^\d/.test(words[0] as string)) words.unshift('about');
  if (/\d$/.test(words[words.length - 1] as string)) words.push('units');
  return words.join(' ');
}

const generators = [email, phone, card, iban, secret];

function document(seed: number): {
  text: string;
  expected: string;
  counts: RedactionCounts;
  values: string[];
} {
  const random = seededRandom(seed);
  let text = filler(random);
  let expected = text;
  const counts: RedactionCounts = {};
  const values: string[] = [];
  for (let item = between(random, 1, 12); item > 0; item--) {
    const planted = pick(random, generators)(random);
    // A bare `password=` value runs to the next delimiter, so a full stop right after it would go too.
    const after = pick(random, planted.kept ? ['', ',', ';'] : ['', '', ',', '.', ';']);
    const gap = pick(random, [' ', ' ', '\n', ': ']);
    const next = filler(random);
    text += `${gap}${planted.kept}${planted.value}${after} ${next}`;
    expected += `${gap}${planted.kept}[REDACTED:${planted.type}]${after} ${next}`;
    counts[planted.type] = (counts[planted.type] ?? 0) + 1;
    values.push(planted.value);
  }
  return { text, expected, counts, values };
}

describe('redaction of generated documents (seeded)', () => {
  it('replaces every planted item with its placeholder and keeps every other character', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { text, expected, counts, values } = document(seed);
      const result = redactText(text);
      expect({ seed, text: result.text, redactions: result.redactions }).toEqual({
        seed,
        text: expected,
        redactions: counts,
      });
      for (const value of values) expect(result.text.includes(value), `seed ${seed}: ${value}`).toBe(false);
      expect(redactText(result.text).text).toBe(result.text);
    }
  });
});

interface Tree {
  value: unknown;
  expected: unknown;
}

/** A random JSON-like attribute value whose strings hold planted items; `expected` is its redaction. */
function tree(random: Random, depth: number, counts: RedactionCounts, values: string[]): Tree {
  const roll = random();
  if (depth === 0 || roll < 0.4) {
    if (roll < 0.1) return { value: between(random, 0, 1000), expected: undefined };
    if (roll < 0.15) return { value: random() < 0.5 ? null : true, expected: undefined };
    const planted = document(between(random, 1, 1_000_000));
    for (const [type, count] of Object.entries(planted.counts)) counts[type] = (counts[type] ?? 0) + count;
    values.push(...planted.values);
    return { value: planted.text, expected: planted.expected };
  }
  const children = Array.from({ length: between(random, 1, 4) }, () =>
    tree(random, depth - 1, counts, values),
  );
  const same = (child: Tree) => (child.expected === undefined ? child.value : child.expected);
  if (roll < 0.6) return { value: children.map((child) => child.value), expected: children.map(same) };
  const keys = children.map((_, index) => `${pick(random, ['user', 'note', 'app.detail', 'x'])}_${index}`);
  return {
    value: Object.fromEntries(children.map((child, index) => [keys[index], child.value])),
    expected: Object.fromEntries(children.map((child, index) => [keys[index], same(child)])),
  };
}

describe('redaction of generated spans (seeded)', () => {
  it('redacts planted items at any depth of the attributes, keeping keys, numbers and structure', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed);
      const counts: RedactionCounts = {};
      const values: string[] = [];
      const attributes = tree(random, 4, counts, values);
      const span = {
        ...emptySpan({
          traceId: 'a'.repeat(32),
          spanId: 'b'.repeat(16),
          name: 'tool',
          startTimeUs: 1,
          endTimeUs: 2,
        }),
        rawAttributes: { 'app.payload': attributes.value },
      };
      const before = JSON.stringify(span);
      const result = redactSpan(span);
      const expected = attributes.expected === undefined ? attributes.value : attributes.expected;
      expect({ seed, payload: result.span.rawAttributes['app.payload'] }).toEqual({
        seed,
        payload: expected,
      });
      expect(result.redactions).toEqual(counts);
      expect(result.span.rawAttributes[redactionsAttribute] ?? {}).toEqual(counts);
      expect(JSON.stringify(span)).toBe(before);
      const stored = JSON.stringify(result.span);
      for (const value of values)
        expect(stored.includes(JSON.stringify(value).slice(1, -1)), `seed ${seed}: ${value}`).toBe(false);
    }
  });
});
