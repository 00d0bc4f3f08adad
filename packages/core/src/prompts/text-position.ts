/** A place in a text: 1-based line and column (columns count UTF-16 code units, as editors do). */
export interface TextPosition {
  line: number;
  column: number;
}

/** The line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A position inside a part that starts at `origin` of a larger text (a template inside a file):
 * lines add up, and the column only shifts on the part's first line.
 */
export function offsetPosition(origin: TextPosition, inner: TextPosition): TextPosition {
  return inner.line === 1
    ? { line: origin.line, column: origin.column + inner.column - 1 }
    : { line: origin.line + inner.line - 1, column: inner.column };
}
