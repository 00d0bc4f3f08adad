import type { PromptDefinition } from './prompt-definition.js';
import { chatBody } from './prompt-file-body.js';
import { diffableText, diffSections, type VersionDiff } from './version-diff.js';

/** The template as people read it: the text, or `## role` sections of a chat prompt. */
export function promptText(definition: PromptDefinition): string {
  return definition.type === 'text' ? definition.template : chatBody(definition.messages).trimEnd();
}

/**
 * What changed between two prompt versions: the template (or messages), the variables, the model
 * configuration and the description, each as a line diff.
 * @example diffPrompts(v1, v2).sections.find((section) => section.name === 'template')?.changed
 */
export function diffPrompts(before: PromptDefinition, after: PromptDefinition): VersionDiff {
  const typeLine = (definition: PromptDefinition) =>
    before.type === after.type ? '' : `type: ${definition.type}\n`;
  return diffSections([
    {
      name: 'template',
      before: typeLine(before) + promptText(before),
      after: typeLine(after) + promptText(after),
    },
    { name: 'variables', before: diffableText(before.variables), after: diffableText(after.variables) },
    { name: 'config', before: diffableText(before.config), after: diffableText(after.config) },
    { name: 'description', before: before.description, after: after.description },
  ]);
}
