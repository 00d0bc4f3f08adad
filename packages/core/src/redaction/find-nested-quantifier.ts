// A small reader of JavaScript regular-expression source that spots the classic shape of
// catastrophic backtracking: a repeated group whose body is one wide repeat plus only optional
// parts, as in `(a+)+`, `(\w+\s?)*`, `(\d+|x)+` or `((ab)*)+`. Such a group can split a run of input
// in exponentially many ways before failing. Overlapping alternatives (`(a|a)*`) are not detected.

interface Token {
  /** The token's own repeat is wide: unbounded, or spanning ten or more counts. */
  wide: boolean;
  /** A group whose body has a wide repeat somewhere inside. */
  containsWide: boolean;
  /** Can match nothing: minimum count 0, or zero-width (anchors, lookarounds). */
  optional: boolean;
}

interface Frame {
  start: number;
  lookaround: boolean;
  alternatives: Token[][];
}

interface Quantifier {
  minimum: number;
  maximum: number;
  length: number;
}

function readQuantifier(source: string, index: number): Quantifier | null {
  const character = source[index];
  let quantifier: Quantifier | null = null;
  if (character === '*') quantifier = { minimum: 0, maximum: Number.POSITIVE_INFINITY, length: 1 };
  else if (character === '+') quantifier = { minimum: 1, maximum: Number.POSITIVE_INFINITY, length: 1 };
  else if (character === '?') quantifier = { minimum: 0, maximum: 1, length: 1 };
  else if (character === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
    if (braces) {
      const minimum = Number(braces[1]);
      const maximum =
        braces[2] === undefined ? minimum : braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY;
      quantifier = { minimum, maximum, length: braces[0].length };
    }
  }
  if (quantifier && source[index + quantifier.length] === '?') quantifier.length++;
  return quantifier;
}

function isWide(quantifier: Quantifier | null): boolean {
  return quantifier !== null && quantifier.maximum - quantifier.minimum >= 10;
}

function isBacktrackingTrap(alternatives: Token[][]): boolean {
  return alternatives.some((tokens) =>
    tokens.some(
      (candidate) =>
        (candidate.wide || candidate.containsWide) &&
        tokens.every((other) => other === candidate || other.optional),
    ),
  );
}

/** Index after an escape (`\d`, `\u{1F600}`, `\p{L}`, `\k<name>`) that starts at `index`. */
function skipEscape(source: string, index: number): number {
  const next = source[index + 1];
  if ((next === 'p' || next === 'P' || next === 'u') && source[index + 2] === '{') {
    const close = source.indexOf('}', index + 3);
    return close === -1 ? source.length : close + 1;
  }
  if (next === 'k' && source[index + 2] === '<') {
    const close = source.indexOf('>', index + 3);
    return close === -1 ? source.length : close + 1;
  }
  return index + 2;
}

/** Index after a character class that starts at `index` (nested classes for the `v` flag). */
function skipClass(source: string, index: number): number {
  let depth = 0;
  for (let position = index; position < source.length; position++) {
    const character = source[position];
    if (character === '\\') position++;
    else if (character === '[') depth++;
    else if (character === ']' && --depth === 0) return position + 1;
  }
  return source.length;
}

/**
 * The first repeated group in the source that can backtrack exponentially, as written, or null.
 * Assumes the source compiles.
 * @example findNestedQuantifier('(a+)+$') // '(a+)+'
 */
export function findNestedQuantifier(source: string): string | null {
  const stack: Frame[] = [{ start: 0, lookaround: false, alternatives: [[]] }];
  let index = 0;
  while (index < source.length) {
    const frame = stack[stack.length - 1] as Frame;
    const tokens = frame.alternatives[frame.alternatives.length - 1] as Token[];
    const character = source[index];
    if (character === '(') {
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` and `(?<name>` are syntax, not part of the body.
      const prefix = /^\((?:\?(?::|<?[=!]|<[^>]*>))?/.exec(source.slice(index, index + 40))?.[0] ?? '(';
      stack.push({ start: index, lookaround: /[=!]$/.test(prefix), alternatives: [[]] });
      index += prefix.length;
      continue;
    }
    if (character === '|') {
      frame.alternatives.push([]);
      index++;
      continue;
    }
    if (character === ')' && stack.length > 1) {
      stack.pop();
      const containsWide = frame.alternatives.some((alternative) =>
        alternative.some((inner) => inner.wide || inner.containsWide),
      );
      const quantifier = readQuantifier(source, index + 1);
      if (isWide(quantifier) && isBacktrackingTrap(frame.alternatives)) {
        return source.slice(frame.start, index + 1 + (quantifier as Quantifier).length);
      }
      const parent = stack[stack.length - 1] as Frame;
      const parentTokens = parent.alternatives[parent.alternatives.length - 1] as Token[];
      parentTokens.push({
        wide: isWide(quantifier),
        containsWide,
        optional: frame.lookaround || (quantifier !== null && quantifier.minimum === 0),
      });
      index += 1 + (quantifier?.length ?? 0);
      continue;
    }
    const end =
      character === '\\'
        ? skipEscape(source, index)
        : character === '['
          ? skipClass(source, index)
          : index + 1;
    const zeroWidth = character === '^' || character === '$' || /^\\[bB]$/.test(source.slice(index, end));
    const quantifier = readQuantifier(source, end);
    tokens.push({
      wide: isWide(quantifier),
      containsWide: false,
      optional: zeroWidth || (quantifier !== null && quantifier.minimum === 0),
    });
    index = end + (quantifier?.length ?? 0);
  }
  return null;
}
