import { describe, expect, it } from 'vitest';
import { diffLines, formatUnifiedDiff } from './line-diff.js';
import { createModelChecker } from './model-checker.js';
import type { PromptDefinition } from './prompt-definition.js';
import { diffPrompts } from './prompt-diff.js';
import { readPromptFile, serializePromptFile } from './prompt-file.js';

const chatFile = `---
name: support-answer
description: Answers support questions
model: openai/gpt-4o-mini
parameters:
  temperature: 0.2
  max_tokens: 300
variables:
  question:
    type: string
    description: What the user asked
  tone: { type: string, default: friendly }
  docs: json
---

## system

You are a {{tone}} support agent.

## user

{{#each docs}}- {{this.text}}
{{/each}}
Question: {{question}}
`;

describe('prompt files', () => {
  it('reads a chat prompt with front matter and ## role sections', () => {
    const file = readPromptFile(chatFile, { fileName: 'prompts/support-answer.prompt.md' });
    expect(file.problems).toEqual([]);
    expect(file.name).toBe('support-answer');
    expect(file.definition).toEqual({
      type: 'chat',
      description: 'Answers support questions',
      messages: [
        { role: 'system', content: 'You are a {{tone}} support agent.' },
        { role: 'user', content: '{{#each docs}}- {{this.text}}\n{{/each}}\nQuestion: {{question}}' },
      ],
      variables: [
        { name: 'question', type: 'string', required: true, description: 'What the user asked' },
        { name: 'tone', type: 'string', required: true, default: 'friendly' },
        { name: 'docs', type: 'json', required: true },
      ],
      config: {
        model: 'openai/gpt-4o-mini',
        parameters: { temperature: 0.2, max_tokens: 300 },
        tools: [],
        responseSchema: null,
      },
    });
  });

  it('reads a text prompt, taking the name from the file name when the front matter has none', () => {
    const file = readPromptFile('---\nvariables: { name: string }\n---\nHello {{name}}!\n', {
      fileName: 'a/greet.prompt.md',
    });
    expect(file).toMatchObject({
      name: 'greet',
      problems: [],
      definition: { type: 'text', template: 'Hello {{name}}!' },
    });
  });

  it('reports template, variable and model problems at their line and column in the file', () => {
    const text = [
      '---', // 1
      'name: greet', // 2
      'model: gpt4o', // 3
      'variables:', // 4
      '  name: string', // 5
      '  unused: string', // 6
      '---', // 7
      '', // 8
      '## system', // 9
      '', // 10
      'Be nice to {{name}}.', // 11
      '', // 12
      '## user', // 13
      'Hi {{nmae}}, {{#if vip}}welcome', // 14
    ].join('\n');
    // With a syntax error, 'unused' cannot be judged unused: the broken template might use it.
    const file = readPromptFile(text, { checkModel: createModelChecker(['openai/gpt-4o']) });
    expect(file.problems.map(({ line, column, code }) => `${line}:${column} ${code}`)).toEqual([
      '3:8 unknown_model',
      '14:14 syntax',
    ]);
    const fixed = readPromptFile(text.replace('{{#if vip}}welcome', '{{#if vip}}welcome{{/if}}'));
    expect(fixed.problems.map(({ line, column, message }) => `${line}:${column} ${message}`)).toEqual([
      "6:3 variable 'unused' is declared but no template uses it; use {{unused}} or remove it",
      "14:4 variable 'nmae' is used but not declared (did you mean 'name'?); add it under variables",
      "14:14 variable 'vip' is used but not declared; add it under variables",
    ]);
  });

  it('reports broken front matter, unknown keys and bad values with positions', () => {
    expect(readPromptFile('no front matter').problems[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/starts with a line '---'/),
    });
    expect(readPromptFile('---\nname: x\n').problems[0]?.message).toMatch(/never closed/);
    expect(readPromptFile('---\nname: [x\n---\nhi').problems[0]).toMatchObject({ line: 2, code: 'file' });
    const typo = readPromptFile('---\nname: x\nvaraibles: {}\n---\nhi');
    expect(typo.problems[0]).toMatchObject({
      line: 3,
      column: 1,
      message: expect.stringMatching(/unknown front matter key 'varaibles' \(did you mean 'variables'\?\)/),
    });
    const hot = readPromptFile('---\nname: x\nparameters:\n  temperature: 7\n---\nhi');
    expect(hot.problems[0]).toMatchObject({
      line: 4,
      column: 16,
      message: 'parameters.temperature: temperature is at most 2',
    });
    expect(readPromptFile('---\nname: not valid!\n---\nhi').problems[0]).toMatchObject({
      line: 2,
      column: 7,
      message: expect.stringMatching(/a name is/),
    });
    const stray = readPromptFile('---\nname: x\ntype: chat\n---\nintro\n## user\nhi');
    expect(stray.problems[0]).toMatchObject({
      line: 5,
      message: expect.stringMatching(/text before the first message heading/),
    });
  });

  it('writes files that read back to the same definition, including awkward templates', () => {
    const definitions: PromptDefinition[] = [
      readPromptFile(chatFile).definition!,
      {
        type: 'text',
        template: '\n  leading blank line and a trailing one\n',
        description: 'multi\nline',
        variables: [{ name: 'flag', type: 'boolean', required: false, default: false }],
        config: {
          model: null,
          parameters: {},
          tools: [{ type: 'function', name: 'search' }],
          responseSchema: { type: 'object' },
        },
      },
      {
        type: 'chat',
        messages: [
          { role: 'user', content: 'quote:\n## assistant\nthat line is text, not a heading' },
          { role: 'assistant', content: '' },
        ],
        description: '',
        variables: [],
        config: { model: 'openai/gpt-4o', parameters: {}, tools: [], responseSchema: null },
      },
    ];
    for (const definition of definitions) {
      const text = serializePromptFile('round-trip', definition);
      const read = readPromptFile(text, { fileName: 'round-trip.prompt.md' });
      expect(read.definition, text).toEqual(definition);
    }
    expect(serializePromptFile('support-answer', definitions[0]!)).toContain(
      '\n## system\n\nYou are a {{tone}} support agent.\n\n## user\n',
    );
  });
});

describe('diffs', () => {
  it('diffs lines and prints unified hunks', () => {
    const lines = diffLines('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(lines.map((line) => `${line.type[0]}${line.text}`)).toEqual(['ea', 'rb', 'aB', 'ec', 'ed', 'ae']);
    expect(formatUnifiedDiff(lines, 1)).toBe('@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e');
    expect(formatUnifiedDiff(diffLines('same', 'same'))).toBe('');
  });

  it('diffs two prompt versions part by part', () => {
    const before = readPromptFile(chatFile).definition!;
    const after = readPromptFile(
      chatFile.replace('temperature: 0.2', 'temperature: 0.7').replace('support agent', 'support engineer'),
    ).definition!;
    const diff = diffPrompts(before, after);
    expect(diff.sections.filter((section) => section.changed).map((section) => section.name)).toEqual([
      'template',
      'config',
    ]);
    const config = diff.sections.find((section) => section.name === 'config')!;
    expect(config.lines.filter((line) => line.type !== 'equal').map((line) => line.text.trim())).toEqual([
      'temperature: 0.2',
      'temperature: 0.7',
    ]);
  });
});
