// Distinct support questions for the performance run: each corpus question with a varied opening,
// detail and closing, so no two texts are equal and the encoder cannot skip any by deduplication.
import { createSeededRandom, randomInteger } from '@sextant/core/statistics';

const openings = [
  '',
  '',
  'Hi, ',
  'Hello! ',
  'Quick question: ',
  'Hey team, ',
  'Urgent: ',
  'Sorry to bother you, ',
];
const details = [
  '',
  ' This started yesterday.',
  ' We are on the Business plan.',
  ' It happens for several people on my team.',
  ' I tried twice already.',
  ' Our account id is {n}.',
  ' Ticket {n} was closed without an answer.',
];
const closings = ['', ' Thanks!', ' Thank you.', ' Any help appreciated.', ' Please advise.', ' (ref {n})'];

/** `count` distinct texts drawn from `questions`, seeded. */
export function variedTexts(questions, count, seed) {
  const random = createSeededRandom(seed);
  const texts = [];
  for (let index = 0; index < count; index++) {
    const choose = (list) => list[randomInteger(random, 0, list.length)];
    const fill = (part) => part.replace('{n}', String(10_000 + index));
    const question = choose(questions);
    texts.push(`${choose(openings)}${question}${fill(choose(details))}${fill(choose(closings))} #${index}`);
  }
  return texts;
}
