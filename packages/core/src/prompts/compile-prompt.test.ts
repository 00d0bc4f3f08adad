import { describe, expect, it } from 'vitest';
import { compilePrompt } from './compile-prompt.js';
import { contentHash } from './content-hash.js';
import { createModelChecker } from './model-checker.js';
import { preparePrompt } from './prepare-prompt.js';
import { promptDefinitionInputSchema } from './prompt-definition.js';
import { parsePromptReference } from './prompt-names.js';

const prepare = (input: unknown, checkModel?: ReturnType<typeof createModelChecker>) =>
  preparePrompt(promptDefinitionInputSchema.parse(input), { checkModel });

describe('preparePrompt', () => {
  it('infers variables when none are declared', () => {
    const { definition, problems } = prepare({
      type: 'chat',
      messages: [
        { role: 'system', content: '{{#if formal}}Be formal.{{/if}}' },
        { role: 'user', content: '{{question}} {{#each docs}}{{this}}{{/each}}' },
      ],
    });
    expect(problems).toEqual([]);
    expect(definition.variables).toEqual([
      { name: 'formal', type: 'boolean', required: false },
      { name: 'question', type: 'string', required: true },
      { name: 'docs', type: 'json', required: true },
    ]);
    expect(definition.config).toEqual({ model: null, parameters: {}, tools: [], responseSchema: null });
  });

  it('finds undeclared, unused, duplicate and mistyped variables, with where they are', () => {
    const { problems } = prepare({
      type: 'text',
      template: 'Hi {{nmae}}',
      variables: [
        { name: 'name' },
        { name: 'count', type: 'number', default: 'three' },
        { name: 'name', type: 'string' },
      ],
    });
    expect(problems.map((problem) => [problem.code, problem.location])).toEqual([
      ['unused_variable', { part: 'variable', name: 'name' }],
      ['unused_variable', { part: 'variable', name: 'count' }],
      ['invalid_default', { part: 'variable', name: 'count' }],
      ['duplicate_variable', { part: 'variable', name: 'name' }],
      ['unused_variable', { part: 'variable', name: 'name' }],
      ['undeclared_variable', { part: 'template', line: 1, column: 4 }],
    ]);
    expect(problems.at(-1)?.message).toBe(
      "variable 'nmae' is used but not declared (did you mean 'name'?); add it under variables",
    );
  });

  it('reports syntax errors per message and the template size limit', () => {
    const { problems } = prepare({
      type: 'chat',
      messages: [
        { role: 'system', content: 'ok' },
        { role: 'user', content: 'line\n{{#if x}}' },
      ],
    });
    expect(problems).toEqual([
      {
        code: 'syntax',
        message: "'{{#if x}}' is never closed; add '{{/if}}'",
        location: { part: 'message', index: 1, line: 2, column: 1 },
      },
    ]);
    const huge = prepare({ type: 'text', template: 'x'.repeat(100_001) });
    expect(huge.problems[0]).toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/limit is 100000/),
    });
  });

  it('checks the model id against a catalog, accepting anything without one', () => {
    const checker = createModelChecker(['openai/gpt-4o', 'openai/gpt-4o-mini'], ['chat']);
    expect(prepare({ type: 'text', template: 'x', config: { model: 'gpt-4o' } }, checker).problems).toEqual(
      [],
    );
    expect(prepare({ type: 'text', template: 'x', config: { model: 'chat' } }, checker).problems).toEqual([]);
    const unknown = prepare({ type: 'text', template: 'x', config: { model: 'gpt4o' } }, checker).problems;
    expect(unknown[0]?.message).toMatch(/^unknown model 'gpt4o'; did you mean openai\/gpt-4o/);
    expect(
      prepare({ type: 'text', template: 'x', config: { model: 'anything' } }, createModelChecker([]))
        .problems,
    ).toEqual([]);
  });
});

describe('compilePrompt', () => {
  const definition = prepare({
    type: 'chat',
    messages: [
      { role: 'system', content: 'Answer in a {{tone}} tone.' },
      { role: 'user', content: '{{question}} (max {{limit}} words)' },
    ],
    variables: [
      { name: 'tone', default: 'friendly' },
      { name: 'question' },
      { name: 'limit', type: 'number' },
    ],
  }).definition;

  it('renders every message, using defaults for what is not given', () => {
    expect(compilePrompt(definition, { question: 'Why?', limit: 50 })).toEqual({
      success: true,
      value: {
        type: 'chat',
        messages: [
          { role: 'system', content: 'Answer in a friendly tone.' },
          { role: 'user', content: 'Why? (max 50 words)' },
        ],
      },
    });
  });

  it('names every missing, unknown and mistyped variable in one error', () => {
    const result = compilePrompt(definition, { qestion: 'Why?', limit: 'fifty' });
    expect(result).toEqual({
      success: false,
      error:
        "missing required variable 'question'; unknown variable 'qestion' (did you mean 'question'?); " +
        "variable 'limit' must be a number, got a string; the prompt declares: tone (string), question (string, required), limit (number, required)",
    });
  });
});

describe('names, references and hashes', () => {
  it('parses prompt references for the gateway', () => {
    expect(parsePromptReference('prompt:greet')).toEqual({
      success: true,
      value: { name: 'greet', selector: { label: 'production' } },
    });
    expect(parsePromptReference('prompt:greet@staging')).toEqual({
      success: true,
      value: { name: 'greet', selector: { label: 'staging' } },
    });
    expect(parsePromptReference('prompt:greet@12')).toEqual({
      success: true,
      value: { name: 'greet', selector: { version: 12 } },
    });
    expect(parsePromptReference('gpt-4o')).toMatchObject({
      success: false,
      error: expect.stringMatching(/prompt:NAME@LABEL/),
    });
    expect(parsePromptReference('prompt:bad name@x')).toMatchObject({
      success: false,
      error: expect.stringMatching(/a name is/),
    });
  });

  it('hashes content independently of key order', async () => {
    const a = await contentHash({ type: 'text', template: 'x', config: { model: null, parameters: {} } });
    const b = await contentHash({ config: { parameters: {}, model: null }, template: 'x', type: 'text' });
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await contentHash({ type: 'text', template: 'y' })).not.toBe(a);
  });
});
