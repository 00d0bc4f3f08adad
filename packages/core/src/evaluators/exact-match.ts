import { evaluationText, quoteText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';
import { normalizeSquadAnswer } from './squad-metrics.js';

/**
 * SQuAD v1.1 exact match: 1 when the normalised output (lowercase, no punctuation, no articles,
 * single spaces) equals a normalised expected answer; `expected` may list several answers.
 * @example exactMatch().evaluate({ output: 'the Denver Broncos', expected: ['Denver Broncos'] }) // score 1
 */
export function exactMatch(options: EvaluatorOptions = {}): Evaluator {
  const name = options.name ?? 'exact-match';
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: 'SQuAD v1.1 exact match after normalisation, best over the expected answers',
    settings: {},
    evaluate(input: EvaluationInput): EvaluationResult {
      const answers = referenceTexts(input.expected, name);
      const normalizedOutput = normalizeSquadAnswer(evaluationText(input.output));
      const matched = answers.find((answer) => normalizeSquadAnswer(answer) === normalizedOutput);
      if (matched !== undefined) {
        return { score: 1, passed: true, details: { normalizedOutput, matchedAnswer: matched } };
      }
      const normalizedAnswers = answers
        .slice(0, 5)
        .map((answer) => quoteText(normalizeSquadAnswer(answer), 40));
      return {
        score: 0,
        passed: false,
        explanation: `normalised output ${quoteText(normalizedOutput, 60)} equals none of the normalised answers: ${normalizedAnswers.join(', ')}${answers.length > 5 ? ', …' : ''}`,
        details: { normalizedOutput },
      };
    },
  };
}
