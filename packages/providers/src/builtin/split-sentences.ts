/**
 * Splits prose and Markdown into sentences: at sentence ends followed by a space, and at line breaks
 * (list items are sentences of their own). Headings are titles, not statements, so they are left out,
 * as are fragments too short to answer anything (under 3 words). List and quote markers are dropped.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .filter((line) => !/^\s*#{1,6}\s/.test(line))
    .map((line) => line.replace(/^\s*([-*+]\s+|\d+[.)]\s+|>\s*)/, '').trim())
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(`])/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.split(/\s+/).length >= 3);
}
