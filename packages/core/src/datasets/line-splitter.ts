/** One line of text and its 1-based number. */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * Splits streamed text into lines (LF or CRLF) without holding more than the current partial line.
 * @example const split = createLineSplitter(); split.push('a\nb'); split.end(); // [{text:'a',line:1}] then [{text:'b',line:2}]
 */
export function createLineSplitter() {
  let rest = '';
  let line = 0;
  const take = (text: string): NumberedLine => {
    line += 1;
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text, line };
  };
  return {
    push(chunk: string): NumberedLine[] {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      return parts.map(take);
    },
    end(): NumberedLine[] {
      const last = rest;
      rest = '';
      return last === '' ? [] : [take(last)];
    },
  };
}
