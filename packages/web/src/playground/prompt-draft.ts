import type {
  ModelConfig,
  PromptDefinition,
  PromptDefinitionInput,
  PromptMessage,
  PromptVariable,
} from '../api/registry-types';
import { draftVariableNames, parseDraftTemplate, renderDraftNodes } from './render-draft';

/** What the playground edits: the template or messages and the model parameters of a prompt version. */
export interface PromptDraft {
  type: 'text' | 'chat';
  template: string;
  messages: PromptMessage[];
  parameters: ModelConfig['parameters'];
}

export const scratchDraft: PromptDraft = {
  type: 'chat',
  template: '',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: '{{question}}' },
  ],
  parameters: { temperature: 0.7, max_tokens: 256 },
};

export function draftOf(definition: PromptDefinition): PromptDraft {
  return {
    type: definition.type,
    template: definition.type === 'text' ? definition.template : '',
    messages: definition.type === 'chat' ? definition.messages.map((message) => ({ ...message })) : [],
    parameters: { ...definition.config.parameters },
  };
}

export function sameDraft(a: PromptDraft, b: PromptDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const templatesOf = (draft: PromptDraft) =>
  draft.type === 'text' ? [draft.template] : draft.messages.map((message) => message.content);

/**
 * The variables of a draft: the base version's declarations still used, plus new names used in the edit
 * (as required strings). Declarations no longer used are dropped, as the server refuses unused ones.
 */
export function draftVariables(draft: PromptDraft, declared: readonly PromptVariable[]): PromptVariable[] {
  const names = new Set<string>();
  for (const template of templatesOf(draft)) {
    const parsed = parseDraftTemplate(template);
    if (parsed.success) draftVariableNames(parsed.nodes, names);
  }
  const byName = new Map(declared.map((variable) => [variable.name, variable]));
  const ordered = [...declared.map((variable) => variable.name).filter((name) => names.has(name))];
  for (const name of names) if (!byName.has(name)) ordered.push(name);
  return ordered.map((name) => byName.get(name) ?? { name, type: 'string', required: true });
}

/**
 * The messages a draft renders to with `values` (defaults filling what is not given), or the first problem:
 * missing required variables, or a template error.
 */
export function renderDraft(
  draft: PromptDraft,
  variables: readonly PromptVariable[],
  given: Record<string, unknown>,
): { success: true; messages: PromptMessage[] } | { success: false; error: string } {
  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const variable of variables) {
    const value = given[variable.name] ?? variable.default;
    if (value !== undefined) values[variable.name] = value;
    else if (variable.required) missing.push(`'${variable.name}'`);
  }
  if (missing.length > 0) {
    return {
      success: false,
      error: `missing required variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    };
  }
  const sources: PromptMessage[] =
    draft.type === 'text' ? [{ role: 'user', content: draft.template }] : draft.messages;
  const messages: PromptMessage[] = [];
  for (const [index, message] of sources.entries()) {
    const parsed = parseDraftTemplate(message.content);
    if (!parsed.success) {
      const where = draft.type === 'text' ? 'template' : `message ${index + 1} (${message.role})`;
      return { success: false, error: `${where} ${parsed.error}` };
    }
    messages.push({ role: message.role, content: renderDraftNodes(parsed.nodes, values) });
  }
  return { success: true, messages };
}

/** The definition saved as a new version: the draft over the base version's description and config. */
export function definitionOf(
  draft: PromptDraft,
  variables: PromptVariable[],
  base: PromptDefinition | null,
): PromptDefinitionInput {
  const config: ModelConfig = {
    model: base?.config.model ?? null,
    tools: base?.config.tools ?? [],
    responseSchema: base?.config.responseSchema ?? null,
    parameters: draft.parameters,
  };
  return {
    type: draft.type,
    ...(draft.type === 'text' ? { template: draft.template } : { messages: draft.messages }),
    variables,
    description: base?.description ?? '',
    config,
  };
}
