import { type RandomSource, randomInteger } from '../../statistics/seeded-random.js';

const pick = <T>(random: RandomSource, values: readonly T[]): T =>
  values[randomInteger(random, 0, values.length)]!;

const englishNouns = [
  'password',
  'invoice',
  'account',
  'subscription',
  'order',
  'address',
  'card',
  'plan',
  'report',
  'email',
];
const englishVerbs = ['reset', 'change', 'cancel', 'update', 'download', 'find', 'delete', 'renew'];
const englishTemplates = [
  (verb: string, noun: string) => `How do I ${verb} my ${noun}?`,
  (verb: string, noun: string) => `Can you help me ${verb} the ${noun} for my team?`,
  (verb: string, noun: string) => `I want to ${verb} my ${noun} today.`,
  (verb: string, noun: string) => `Why can't I ${verb} the ${noun}? It fails every time.`,
  (verb: string, noun: string) => `Please ${verb} my ${noun} and send me a confirmation.`,
];
const germanNouns = ['Passwort', 'Rechnung', 'Konto', 'Abonnement', 'Bestellung', 'Adresse'];
const germanVerbs = ['ändern', 'kündigen', 'aktualisieren', 'finden', 'löschen'];

/** A support-style English question or request about an account topic. */
export function englishText(random: RandomSource, nouns: readonly string[] = englishNouns): string {
  return pick(random, englishTemplates)(pick(random, englishVerbs), pick(random, nouns));
}

/** The German counterpart: "Wie kann ich mein Passwort ändern?" and similar. */
export function germanText(random: RandomSource): string {
  const noun = pick(random, germanNouns);
  const verb = pick(random, germanVerbs);
  return random() < 0.5 ? `Wie kann ich mein ${noun} ${verb}?` : `Bitte die ${noun} für mich ${verb}, danke.`;
}

/** Texts of which `germanShare` are German and the rest English (with optional extra nouns, for OOV drift). */
export function supportTexts(
  random: RandomSource,
  count: number,
  { germanShare = 0, nouns }: { germanShare?: number; nouns?: readonly string[] } = {},
): string[] {
  return Array.from({ length: count }, () =>
    random() < germanShare ? germanText(random) : englishText(random, nouns),
  );
}

/** The English nouns plus product names never seen in the reference. */
export const nounsWithNewProducts = [...englishNouns, 'nebulakit', 'quasarpay', 'zephyrsync'];
