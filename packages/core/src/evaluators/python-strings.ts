/**
 * Python's notion of whitespace, for metrics ported from Python scripts whose results depend on
 * `str.split()` and `str.rstrip()`: JavaScript's `\s` differs (it lacks \x1c-\x1f and \x85 and
 * adds \ufeff), which would change token counts on unusual input.
 */
const WHITESPACE_CLASS = String.raw`[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;
const PYTHON_WHITESPACE = new RegExp(`${WHITESPACE_CLASS}+`);
const TRAILING_PYTHON_WHITESPACE = new RegExp(`${WHITESPACE_CLASS}+$`);

/** Python's `str.split()` with no argument: runs of whitespace separate, no empty tokens. */
export function pythonSplit(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((token) => token !== '');
}

/** Python's `str.rstrip()` with no argument. */
export function pythonRightStrip(text: string): string {
  return text.replace(TRAILING_PYTHON_WHITESPACE, '');
}
