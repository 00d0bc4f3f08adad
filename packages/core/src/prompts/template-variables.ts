import type { TemplateNode } from './parse-template.js';
import type { TextPosition } from './text-position.js';

/** How a template uses a variable: printed, tested by `{{#if}}`, or iterated by `{{#each}}`. */
export type VariableUse = 'value' | 'condition' | 'list';

/** A top-level variable a template reads, where it first appears, and every way it is used. */
export interface TemplateVariable {
  name: string;
  position: TextPosition;
  uses: VariableUse[];
}

/**
 * The top-level variables `nodes` read, in order of first appearance. `{{this}}` and `{{@index}}` refer
 * to the current `{{#each}}` item, not to variables.
 */
export function templateVariables(nodes: readonly TemplateNode[]): TemplateVariable[] {
  const found = new Map<string, TemplateVariable>();
  const visit = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.type === 'text') continue;
      const [head] = node.path;
      if (head !== undefined && head !== 'this' && head !== '@index') {
        const use: VariableUse =
          node.type === 'variable' ? 'value' : node.type === 'if' ? 'condition' : 'list';
        const entry = found.get(head) ?? { name: head, position: node.position, uses: [] };
        if (!entry.uses.includes(use)) entry.uses.push(use);
        found.set(head, entry);
      }
      visit(node.type === 'variable' ? [] : node.body);
      if (node.type !== 'variable') visit(node.otherwise);
    }
  };
  visit(nodes);
  return [...found.values()];
}
