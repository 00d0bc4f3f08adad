import { fail, ok, type Result } from '../result.js';
import type { TemplateNode } from './parse-template.js';

interface Scope {
  item: unknown;
  index: number;
}

/**
 * Renders parsed template nodes with `values`. Strings go in as they are (prompts are not HTML, so
 * nothing is escaped), numbers and booleans as text, objects and arrays as JSON, missing values as ''.
 * Fails only when `{{#each}}` is given something that is not a list.
 * @example renderTemplate(parsed, { name: 'Ada' }) // { success: true, value: 'Hi Ada' }
 */
export function renderTemplate(
  nodes: readonly TemplateNode[],
  values: Readonly<Record<string, unknown>>,
): Result<string, string> {
  const output: string[] = [];
  const error = renderNodes(nodes, values, [], output);
  return error ? fail(error) : ok(output.join(''));
}

function renderNodes(
  nodes: readonly TemplateNode[],
  values: Readonly<Record<string, unknown>>,
  scopes: readonly Scope[],
  output: string[],
): string | undefined {
  for (const node of nodes) {
    if (node.type === 'text') {
      output.push(node.text);
    } else if (node.type === 'variable') {
      output.push(stringify(lookup(node.path, values, scopes)));
    } else if (node.type === 'if') {
      const branch = isTruthy(lookup(node.path, values, scopes)) ? node.body : node.otherwise;
      const error = renderNodes(branch, values, scopes, output);
      if (error) return error;
    } else {
      const list = lookup(node.path, values, scopes);
      if (list !== undefined && list !== null && !Array.isArray(list)) {
        const at = `${node.position.line}:${node.position.column}`;
        return `{{#each ${node.path.join('.')}}} at ${at} needs a list, but '${node.path.join('.')}' is ${describeType(list)}`;
      }
      const items = list ?? [];
      if (items.length === 0) {
        const error = renderNodes(node.otherwise, values, scopes, output);
        if (error) return error;
      }
      for (const [index, item] of items.entries()) {
        const error = renderNodes(node.body, values, [...scopes, { item, index }], output);
        if (error) return error;
      }
    }
  }
  return undefined;
}

function lookup(
  path: readonly string[],
  values: Readonly<Record<string, unknown>>,
  scopes: readonly Scope[],
) {
  const [head, ...rest] = path;
  const scope = scopes.at(-1);
  if (head === '@index') return scope?.index;
  let value: unknown = head === 'this' ? scope?.item : values[head ?? ''];
  for (const segment of rest) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/** How a value appears in rendered text. */
export function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
