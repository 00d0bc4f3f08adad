import { fail, ok, type Result } from '../result.js';
import { parseTemplate } from './parse-template.js';
import type { PromptDefinition, PromptRole } from './prompt-definition.js';
import { renderTemplate } from './render-template.js';
import { suggestName } from './suggest-name.js';
import { checkVariableValue, describeVariable } from './variable-values.js';

/** A rendered prompt: the text, or the chat messages, ready for a model. */
export type CompiledPrompt =
  | { type: 'text'; text: string }
  | { type: 'chat'; messages: { role: PromptRole; content: string }[] };

/**
 * Renders a prompt with `values`, checking them against the declared variables first: every problem
 * (missing required variables, unknown names, wrong types) is named in one message, and nothing renders
 * half-way.
 * @example compilePrompt(definition, { name: 'Ada' }) // ok({ type: 'text', text: 'Hi Ada' })
 */
export function compilePrompt(
  definition: Pick<PromptDefinition, 'type' | 'variables'> &
    (
      | { type: 'text'; template: string }
      | { type: 'chat'; messages: readonly { role: PromptRole; content: string }[] }
    ),
  values: Readonly<Record<string, unknown>> = {},
): Result<CompiledPrompt, string> {
  const resolved = resolveValues(definition.variables, values);
  if (!resolved.success) return resolved;
  const render = (template: string, where: string): Result<string, string> => {
    const parsed = parseTemplate(template);
    if (!parsed.success) {
      return fail(`${where} ${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
    }
    const rendered = renderTemplate(parsed.value, resolved.value);
    return rendered.success ? rendered : fail(`${where}: ${rendered.error}`);
  };
  if (definition.type === 'text') {
    const text = render(definition.template, 'template');
    return text.success ? ok({ type: 'text', text: text.value }) : text;
  }
  const messages: { role: PromptRole; content: string }[] = [];
  for (const [index, message] of definition.messages.entries()) {
    const content = render(message.content, `message ${index + 1} (${message.role})`);
    if (!content.success) return content;
    messages.push({ role: message.role, content: content.value });
  }
  return ok({ type: 'chat', messages });
}

function resolveValues(
  variables: PromptDefinition['variables'],
  values: Readonly<Record<string, unknown>>,
): Result<Record<string, unknown>, string> {
  const problems: string[] = [];
  const declared = new Map(variables.map((variable) => [variable.name, variable]));
  const resolved: Record<string, unknown> = {};
  for (const name of Object.keys(values)) {
    if (declared.has(name)) continue;
    const close = suggestName(name, [...declared.keys()]);
    problems.push(`unknown variable '${name}'${close ? ` (did you mean '${close}'?)` : ''}`);
  }
  const missing: string[] = [];
  for (const variable of variables) {
    const given = Object.hasOwn(values, variable.name) ? values[variable.name] : undefined;
    const value =
      given === undefined || (given === null && variable.type !== 'json') ? variable.default : given;
    if (value === undefined) {
      if (variable.required) missing.push(variable.name);
      continue;
    }
    const wrong = checkVariableValue(variable.type, value);
    if (wrong) problems.push(`variable '${variable.name}' ${wrong}`);
    else resolved[variable.name] = value;
  }
  if (missing.length > 0) {
    problems.unshift(
      `missing required variable${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')}`,
    );
  }
  if (problems.length === 0) return ok(resolved);
  const list = variables.map(describeVariable).join(', ') || '(none)';
  return fail(`${problems.join('; ')}; the prompt declares: ${list}`);
}
