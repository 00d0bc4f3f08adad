/**
 * A stretch of text a detector found: UTF-16 offsets `[start, end)` into the scanned string, and the
 * redaction type that names its placeholder (`email`, `card`, or a custom pattern's name).
 */
export interface PiiMatch {
  start: number;
  end: number;
  type: string;
  /** Which rule of the detector matched (e.g. `github-token`), for tests and diagnostics. */
  rule?: string;
}

/** Finds one kind of personal data or secret in text. Detectors are stateless and safe to share. */
export interface PiiDetector {
  /** The redaction type of every match, e.g. `email`. */
  readonly type: string;
  /** Strings shorter than this cannot hold a match and are skipped without running the trigger. */
  readonly minimumLength: number;
  /**
   * A cheap test that returns false only when `detect` would find nothing, so that most strings
   * never reach the regular expressions. Detectors that share a trigger share the function, and
   * redaction runs each distinct trigger at most once per string.
   */
  readonly trigger: (text: string) => boolean;
  /** Every match in the text, in any order; overlaps are resolved by the caller. */
  detect(text: string): PiiMatch[];
}
