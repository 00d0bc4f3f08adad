import type { PromptDefinition, PromptVariable } from '../../prompts/prompt-definition.js';

// The built-in judge prompts. They are ordinary prompt definitions: push one to the prompt registry
// (`sextant prompts push`, POST /api/prompts) to version and edit it, and pass the stored version to a
// judge as `prompt`. A judge's version hashes the definition it used, so an edit changes the version.

const system =
  'You are a careful, impartial evaluator. Judge only what you are asked to judge. ' +
  'Reply with one JSON object and nothing else.';

function variable(name: string, type: PromptVariable['type'] = 'string', required = true): PromptVariable {
  return { name, type, required };
}

function chat(description: string, user: string, variables: PromptVariable[]): PromptDefinition {
  return {
    type: 'chat',
    description,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    variables,
    config: { model: null, parameters: { temperature: 0 }, tools: [], responseSchema: null },
  };
}

/** Grades one answer on a rubric and a numeric scale. Variables: rubric, scaleMin, scaleMax, input, output, expected?. */
export const pointwiseJudgePrompt = chat(
  'LLM-as-judge, pointwise: grade one answer on a rubric',
  [
    'Grade the answer below against this rubric.',
    '',
    'Rubric: {{rubric}}',
    'Scale: {{scaleMin}} (worst) to {{scaleMax}} (best).',
    '',
    'Question or input:',
    '{{input}}',
    '',
    '{{#if expected}}Reference answer:\n{{expected}}\n\n{{/if}}Answer to grade:',
    '{{output}}',
    '',
    'Reply with JSON only: {"reasoning": "<one or two sentences>", "score": <a whole number from {{scaleMin}} to {{scaleMax}}>}',
  ].join('\n'),
  [
    variable('rubric'),
    variable('scaleMin', 'number'),
    variable('scaleMax', 'number'),
    variable('input'),
    variable('output'),
    variable('expected', 'string', false),
  ],
);

/** Picks the better of two answers. Variables: criteria, input, answerA, answerB. */
export const pairwiseJudgePrompt = chat(
  'LLM-as-judge, pairwise: pick the better of two answers',
  [
    'Two answers were given to the same input. Decide which one is better on these criteria: {{criteria}}',
    'The order of the answers is arbitrary; do not let it, or their length, sway you.',
    '',
    'Input:',
    '{{input}}',
    '',
    'Answer A:',
    '{{answerA}}',
    '',
    'Answer B:',
    '{{answerB}}',
    '',
    'Reply with JSON only: {"reasoning": "<one or two sentences>", "winner": "A" | "B" | "tie"}',
  ].join('\n'),
  [variable('criteria'), variable('input'), variable('answerA'), variable('answerB')],
);

/** Splits an answer into atomic factual claims. Variables: question, answer. */
export const claimExtractionPrompt = chat(
  'RAG faithfulness, step 1: split an answer into claims',
  [
    'Split the answer below into short, self-contained factual claims, one fact each.',
    'Leave out greetings, hedges and questions. Resolve pronouns so each claim stands alone.',
    '',
    'Question:',
    '{{question}}',
    '',
    'Answer:',
    '{{answer}}',
    '',
    'Reply with JSON only: {"claims": ["<claim>", "..."]}',
  ].join('\n'),
  [variable('question'), variable('answer')],
);

/** Checks one claim against the retrieved context. Variables: context, claim. */
export const claimSupportPrompt = chat(
  'RAG faithfulness, step 2: is a claim supported by the context',
  [
    'Is the claim fully supported by the context? Use only the context, not what you know.',
    '',
    'Context:',
    '{{context}}',
    '',
    'Claim: {{claim}}',
    '',
    'Reply with JSON only: {"reasoning": "<one sentence>", "verdict": "yes" | "no"}',
  ].join('\n'),
  [variable('context'), variable('claim')],
);

/** Checks whether one retrieved document helps answer the question. Variables: question, document. */
export const contextRelevancePrompt = chat(
  'RAG context relevance: does a retrieved document help answer the question',
  [
    'Does this document contain information that helps answer the question?',
    '',
    'Question:',
    '{{question}}',
    '',
    'Document:',
    '{{document}}',
    '',
    'Reply with JSON only: {"reasoning": "<one sentence>", "verdict": "yes" | "no"}',
  ].join('\n'),
  [variable('question'), variable('document')],
);

/** The rubric the answer-relevance judge gives the pointwise prompt. */
export const answerRelevanceRubric =
  'Does the answer address the question that was asked? 5: directly and completely; 3: partly, or with ' +
  'much that was not asked; 1: it answers a different question or none. Judge relevance only, not correctness.';

/** Every built-in judge prompt by its suggested registry name. */
export const judgePrompts: Readonly<Record<string, PromptDefinition>> = {
  'sextant-judge-pointwise': pointwiseJudgePrompt,
  'sextant-judge-pairwise': pairwiseJudgePrompt,
  'sextant-judge-claims': claimExtractionPrompt,
  'sextant-judge-claim-support': claimSupportPrompt,
  'sextant-judge-context-relevance': contextRelevancePrompt,
};
