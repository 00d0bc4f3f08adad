// Necessary conditions shared by several detectors. Each costs well under a microsecond per
// kilobyte; searching for a single character with indexOf is far cheaper than any regular expression.

/** Phone and card numbers contain a digit followed by at least seven more digits or separators. */
export function hasDigitRun(text: string): boolean {
  return /\d[\d ()./-]{6}/.test(text);
}

/** IBANs contain two adjacent digits (their check digits). */
export function hasDigitPair(text: string): boolean {
  return /\d\d/.test(text);
}

/** For detectors with no cheaper test (custom patterns). */
export function always(): boolean {
  return true;
}
