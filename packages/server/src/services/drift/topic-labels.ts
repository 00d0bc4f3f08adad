import { tokenizeWords } from '@sextant/core/drift';

const STOPWORDS = new Set(
  'a an and are can could did does do for from have how i in is it me my of on or our please the this to was what when where which why will with you your there their that than then them they about after into just like not but also been would should'.split(
    ' ',
  ),
);

/** The most frequent content words of a cluster's texts: a name people can read in a chart legend. */
export function topicLabel(texts: readonly string[], words = 3): string {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(tokenizeWords(text))) {
      if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, words)
    .map(([word]) => word);
  return top.length > 0 ? top.join(' · ') : '(empty texts)';
}
