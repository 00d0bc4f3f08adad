import type { z } from 'zod';
import type { ModelChecker } from './model-checker.js';
import { parseTemplate } from './parse-template.js';
import {
  type PromptDefinition,
  type PromptVariable,
  type promptDefinitionInputSchema,
  promptLimits,
  promptTemplates,
} from './prompt-definition.js';
import { suggestName } from './suggest-name.js';
import { type TemplateVariable, templateVariables } from './template-variables.js';
import { checkVariableValue } from './variable-values.js';

/** What a prompt check can find; clients branch on the code. */
export type PromptProblemCode =
  | 'syntax'
  | 'undeclared_variable'
  | 'unused_variable'
  | 'duplicate_variable'
  | 'invalid_default'
  | 'unknown_model'
  | 'too_large';

/** Where a problem is: line and column are 1-based inside that template or message. */
export type PromptLocation =
  | { part: 'template'; line: number; column: number }
  | { part: 'message'; index: number; line: number; column: number }
  | { part: 'variable'; name: string }
  | { part: 'model' }
  | { part: 'prompt' };

export interface PromptProblem {
  code: PromptProblemCode;
  message: string;
  location: PromptLocation;
}

/** A definition with every field explicit, and what is wrong with it (empty when it can be saved). */
export interface PreparedPrompt {
  definition: PromptDefinition;
  problems: PromptProblem[];
}

type ParsedInput = z.output<typeof promptDefinitionInputSchema>;

/**
 * Checks a prompt and makes it explicit: template syntax, variables used but not declared or declared but
 * unused, defaults of the wrong type, unknown models (when a checker is given) and the size limit.
 * Variables left out are inferred from the templates.
 */
export function preparePrompt(
  input: ParsedInput,
  options: { checkModel?: ModelChecker } = {},
): PreparedPrompt {
  const problems: PromptProblem[] = [];
  const templates = promptTemplates(input);
  const size = templates.reduce((sum, template) => sum + template.text.length, 0);
  if (size > promptLimits.maxTemplateCharacters) {
    problems.push({
      code: 'too_large',
      message: `the prompt has ${size} characters of template text; the limit is ${promptLimits.maxTemplateCharacters} (promptLimits.maxTemplateCharacters): split it, or move large reference text into a variable`,
      location: { part: 'prompt' },
    });
  }
  const used = new Map<string, TemplateVariable & { location: PromptLocation }>();
  for (const template of templates) {
    const parsed = parseTemplate(template.text);
    if (!parsed.success) {
      const { line, column, message } = parsed.error;
      problems.push({ code: 'syntax', message, location: locate(template, line, column) });
      continue;
    }
    for (const variable of templateVariables(parsed.value)) {
      const seen = used.get(variable.name);
      if (seen) seen.uses = [...new Set([...seen.uses, ...variable.uses])];
      else
        used.set(variable.name, {
          ...variable,
          location: locate(template, variable.position.line, variable.position.column),
        });
    }
  }
  const variables = input.variables ?? inferVariables([...used.values()]);
  // A template that does not parse may use any variable, so "unused" cannot be told then.
  const complete = !problems.some((problem) => problem.code === 'syntax');
  if (input.variables) problems.push(...checkDeclarations(input.variables, used, complete));
  const model = input.config.model;
  const check = model ? options.checkModel?.(model) : undefined;
  if (model && check && !check.known) {
    const hint = check.suggestions.length > 0 ? `; did you mean ${check.suggestions.join(', ')}?` : '';
    problems.push({
      code: 'unknown_model',
      message: `unknown model '${model}'${hint}`,
      location: { part: 'model' },
    });
  }
  return { definition: { ...input, variables } as PromptDefinition, problems };
}

function locate(
  template: ReturnType<typeof promptTemplates>[number],
  line: number,
  column: number,
): PromptLocation {
  return template.part === 'template'
    ? { part: 'template', line, column }
    : { part: 'message', index: template.index, line, column };
}

function inferVariables(used: readonly TemplateVariable[]): PromptVariable[] {
  return used.map((variable) => {
    if (variable.uses.includes('list')) return { name: variable.name, type: 'json', required: true };
    if (variable.uses.includes('value')) return { name: variable.name, type: 'string', required: true };
    return { name: variable.name, type: 'boolean', required: false };
  });
}

function checkDeclarations(
  declared: readonly PromptVariable[],
  used: ReadonlyMap<string, TemplateVariable & { location: PromptLocation }>,
  complete: boolean,
): PromptProblem[] {
  const problems: PromptProblem[] = [];
  const names = declared.map((variable) => variable.name);
  const seen = new Set<string>();
  for (const variable of declared) {
    const location: PromptLocation = { part: 'variable', name: variable.name };
    if (seen.has(variable.name)) {
      problems.push({
        code: 'duplicate_variable',
        message: `variable '${variable.name}' is declared twice`,
        location,
      });
    }
    seen.add(variable.name);
    if (complete && !used.has(variable.name)) {
      problems.push({
        code: 'unused_variable',
        message: `variable '${variable.name}' is declared but no template uses it; use {{${variable.name}}} or remove it`,
        location,
      });
    }
    const wrong =
      variable.default === undefined ? undefined : checkVariableValue(variable.type, variable.default);
    if (wrong) {
      problems.push({
        code: 'invalid_default',
        message: `default of variable '${variable.name}' ${wrong}`,
        location,
      });
    }
  }
  for (const variable of used.values()) {
    if (seen.has(variable.name)) continue;
    const close = suggestName(variable.name, names);
    const hint = close ? ` (did you mean '${close}'?)` : '';
    problems.push({
      code: 'undeclared_variable',
      message: `variable '${variable.name}' is used but not declared${hint}; add it under variables`,
      location: variable.location,
    });
  }
  return problems;
}

/** `template 3:7`, `message 2 (user) 1:5`, `variable 'tone'`: where a problem is, for messages. */
export function describeLocation(location: PromptLocation, roles: readonly (string | null)[] = []): string {
  switch (location.part) {
    case 'template':
      return `template ${location.line}:${location.column}`;
    case 'message': {
      const role = roles[location.index];
      return `message ${location.index + 1}${role ? ` (${role})` : ''} ${location.line}:${location.column}`;
    }
    case 'variable':
      return `variable '${location.name}'`;
    case 'model':
      return 'config.model';
    case 'prompt':
      return 'prompt';
  }
}
