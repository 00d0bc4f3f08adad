/** Words for lexical matching: lowercase letters and digits, with the most common English words left out. */
export function lexicalTerms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((word) => !stopWords.has(word));
}

const stopWords = new Set(
  'a an and are as at be by can do does for from how i in is it my of on or the to what when where which who why with you your'.split(
    ' ',
  ),
);

/**
 * Okapi BM25 over a fixed set of documents (k1 = 1.2, b = 0.75, the usual defaults), with the
 * Lucene-style idf that never goes negative.
 */
export class Bm25Index {
  private readonly termCounts: Map<string, number>[];
  private readonly lengths: number[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(
    documents: readonly string[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.termCounts = documents.map((document) => {
      const counts = new Map<string, number>();
      for (const term of lexicalTerms(document)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys())
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      return counts;
    });
    this.lengths = this.termCounts.map((counts) =>
      [...counts.values()].reduce((sum, count) => sum + count, 0),
    );
    this.averageLength =
      this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documents.length);
  }

  /** A score per document, in document order. */
  score(query: string): number[] {
    const terms = [...new Set(lexicalTerms(query))];
    const total = this.termCounts.length;
    return this.termCounts.map((counts, index) => {
      const length = this.lengths[index] ?? 0;
      let score = 0;
      for (const term of terms) {
        const frequency = counts.get(term) ?? 0;
        if (frequency === 0) continue;
        const containing = this.documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
        score +=
          (idf * frequency * (this.k1 + 1)) /
          (frequency + this.k1 * (1 - this.b + (this.b * length) / this.averageLength));
      }
      return score;
    });
  }
}
