import { SextantError } from '../errors.js';
import { evaluationText, quoteText } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';

export interface RegexOptions extends EvaluatorOptions {
  /** A JavaScript regular expression, or its source. The `g` and `y` flags are dropped (they make tests stateful). */
  pattern: string | RegExp;
  /** Flags for a string pattern, e.g. `'i'` or `'su'`. */
  flags?: string;
  /** `match` (default): passes when the pattern occurs in the output. `no-match`: passes when it does not. */
  mode?: 'match' | 'no-match';
}

/**
 * Regular-expression check on the output's text. Score 1 or 0.
 * @example regex({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) // the output is an ISO date
 */
export function regex(options: RegexOptions): Evaluator {
  const mode = options.mode ?? 'match';
  const name = options.name ?? 'regex';
  const pattern = compile(options, name);
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `output ${mode === 'match' ? 'matches' : 'does not match'} ${pattern}`,
    settings: { pattern: pattern.source, flags: pattern.flags, mode },
    evaluate(input: EvaluationInput): EvaluationResult {
      const output = evaluationText(input.output);
      const match = pattern.exec(output);
      if (mode === 'match') {
        if (match) return { score: 1, passed: true, details: { match: match[0], index: match.index } };
        return {
          score: 0,
          passed: false,
          explanation: `output does not match ${pattern}; output: ${quoteText(output)}`,
        };
      }
      if (!match) return { score: 1, passed: true };
      return {
        score: 0,
        passed: false,
        explanation: `output matches forbidden ${pattern} at character ${Array.from(output.slice(0, match.index)).length + 1}: ${quoteText(match[0], 60)}`,
        details: { match: match[0], index: match.index },
      };
    },
  };
}

function compile(options: RegexOptions, name: string): RegExp {
  const source = typeof options.pattern === 'string' ? options.pattern : options.pattern.source;
  const flags = (options.flags ?? (typeof options.pattern === 'string' ? '' : options.pattern.flags)).replace(
    /[gy]/g,
    '',
  );
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SextantError(
      'bad_request',
      `${name}: invalid regular expression /${source}/${flags}: ${reason}`,
    );
  }
}
