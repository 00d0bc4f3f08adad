import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.js';
import { renderTemplate } from './render-template.js';
import { templateVariables } from './template-variables.js';

const render = (source: string, values: Record<string, unknown> = {}) => {
  const parsed = parseTemplate(source);
  if (!parsed.success) throw new Error(parsed.error.message);
  const rendered = renderTemplate(parsed.value, values);
  if (!rendered.success) throw new Error(rendered.error);
  return rendered.value;
};

const syntaxError = (source: string) => {
  const parsed = parseTemplate(source);
  if (parsed.success) throw new Error(`expected a syntax error in ${JSON.stringify(source)}`);
  return parsed.error;
};

describe('template rendering', () => {
  it('substitutes variables with or without spaces, never escaping, and renders non-strings readably', () => {
    expect(render('Hi {{name}}, {{ greeting }}!', { name: '<Ada & co>', greeting: 'welcome' })).toBe(
      'Hi <Ada & co>, welcome!',
    );
    expect(
      render('{{count}} {{flag}} {{data}} [{{missing}}]', { count: 3, flag: false, data: { a: [1] } }),
    ).toBe('3 false {"a":[1]} []');
    expect(
      render('{{customer.name}} from {{customer.city}}', { customer: { name: 'Bo', city: 'Oslo' } }),
    ).toBe('Bo from Oslo');
  });

  it('supports #if / else, #each with this and @index, comments and escaped braces', () => {
    const source = '{{! shown only to premium users }}{{#if premium}}VIP{{else}}regular{{/if}}';
    expect(render(source, { premium: true })).toBe('VIP');
    expect(render(source, { premium: false })).toBe('regular');
    expect(render('{{#if items}}has{{/if}}', { items: [] })).toBe('');
    expect(
      render('{{#each docs}}[{{@index}}] {{this.title}} for {{user}}\n{{/each}}', {
        docs: [{ title: 'A' }, { title: 'B' }],
        user: 'u1',
      }),
    ).toBe('[0] A for u1\n[1] B for u1\n');
    expect(render('{{#each tags}}{{this}},{{else}}none{{/each}}', { tags: [] })).toBe('none');
    expect(render('literal \\{{name}} and {{name}}', { name: 'x' })).toBe('literal {{name}} and x');
    expect(render('JSON: {"a": {{value}}}', { value: 1 })).toBe('JSON: {"a": 1}');
  });

  it('fails to render #each over a value that is not a list, naming it and where', () => {
    const parsed = parseTemplate('line\n  {{#each docs}}x{{/each}}');
    expect(parsed.success && renderTemplate(parsed.value, { docs: 'oops' })).toEqual({
      success: false,
      error: "{{#each docs}} at 2:3 needs a list, but 'docs' is a string",
    });
  });

  it('lists top-level variables with their first position and uses, not each-item references', () => {
    const parsed = parseTemplate(
      'Hi {{name}}\n{{#if vip}}{{#each offers}}{{this.title}} {{name}}{{/each}}{{/if}}',
    );
    expect(parsed.success && templateVariables(parsed.value)).toEqual([
      { name: 'name', position: { line: 1, column: 4 }, uses: ['value'] },
      { name: 'vip', position: { line: 2, column: 1 }, uses: ['condition'] },
      { name: 'offers', position: { line: 2, column: 12 }, uses: ['list'] },
    ]);
  });
});

describe('template syntax errors', () => {
  it('points at an unclosed tag', () => {
    expect(syntaxError('Hello\n  there {{name')).toMatchObject({
      line: 2,
      column: 9,
      message: expect.stringMatching(/unclosed tag/),
    });
    expect(syntaxError('{{first {{second}}')).toMatchObject({ line: 1, column: 1 });
  });

  it('points at the opening tag of a block that is never closed, and says how to close it', () => {
    expect(syntaxError('a\nb {{#if vip}}\nyes')).toEqual({
      line: 2,
      column: 3,
      message: "'{{#if vip}}' is never closed; add '{{/if}}'",
    });
    expect(syntaxError('{{#each a}}{{#if b}}x{{/if}}')).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringContaining('{{/each}}'),
    });
  });

  it('reports mismatched, stray and unknown tags with positions', () => {
    expect(syntaxError('{{#if a}}\n  {{/each}}')).toEqual({
      line: 2,
      column: 3,
      message: "'{{/each}}' does not match '{{#if a}}' opened at 1:1; close it with '{{/if}}'",
    });
    expect(syntaxError('x {{/if}}')).toMatchObject({
      line: 1,
      column: 3,
      message: expect.stringMatching(/closes nothing/),
    });
    expect(syntaxError('{{#unless a}}{{/unless}}').message).toMatch(/unknown block '#unless'/);
    expect(syntaxError('{{else}}').message).toMatch(/outside any/);
    expect(syntaxError('{{#if}}{{/if}}').message).toMatch(/needs a variable/);
    expect(syntaxError('{{}}').message).toMatch(/empty tag/);
    expect(syntaxError('{{{name}}}').message).toMatch(/write \{\{name\}\}/);
    expect(syntaxError('{{ upper name }}').message).toMatch(/no helpers or expressions/);
    expect(syntaxError('{{ this }}').message).toMatch(/only works inside \{\{#each\}\}/);
    expect(syntaxError('{{ 9lives }}').message).toMatch(/not a valid variable name/);
  });
});
