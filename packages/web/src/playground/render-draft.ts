// Renders a prompt draft edited in the playground, before it is saved. Saved versions are rendered by the
// server (POST /api/prompts/{name}/render); this mirrors its documented template language for unsaved edits
// only: {{name}} with dotted paths, {{#if}}…{{else}}…{{/if}}, {{#each}}…{{this}}…{{@index}}…{{/each}},
// {{! comments }} and \{{ for literal braces. Values are not escaped; objects render as JSON.

type Node =
  | { type: 'text'; text: string }
  | { type: 'variable'; path: string[] }
  | { type: 'if' | 'each'; path: string[]; body: Node[]; otherwise: Node[] };

type Parsed = { success: true; nodes: Node[] } | { success: false; error: string };

/** Parses a template; the error names the 1-based line and column of the first problem. */
export function parseDraftTemplate(source: string): Parsed {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { body: Node[] }>; inElse: boolean }[] = [];
  const target = () => {
    const top = stack.at(-1);
    return top ? (top.inElse ? top.node.otherwise : top.node.body) : root;
  };
  const at = (offset: number) => {
    const before = source.slice(0, offset).split('\n');
    return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  };
  let index = 0;
  let text = '';
  const flush = () => {
    if (text) target().push({ type: 'text', text });
    text = '';
  };
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open === -1) {
      text += source.slice(index);
      break;
    }
    if (open > index && source[open - 1] === '\\') {
      text += `${source.slice(index, open - 1)}{{`;
      index = open + 2;
      continue;
    }
    text += source.slice(index, open);
    const close = source.indexOf('}}', open + 2);
    if (close === -1) return { success: false, error: `${at(open)}: '{{' has no matching '}}'` };
    const content = source.slice(open + 2, close).trim();
    index = close + 2;
    if (content.startsWith('!')) continue;
    flush();
    const block = /^#(if|each)\s+(\S+)$/.exec(content);
    if (block) {
      const node = { type: block[1] as 'if' | 'each', path: block[2]!.split('.'), body: [], otherwise: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (content === 'else') {
      const top = stack.at(-1);
      if (!top) return { success: false, error: `${at(open)}: {{else}} outside any block` };
      top.inElse = true;
    } else if (content === '/if' || content === '/each') {
      if (stack.pop()?.node.type !== content.slice(1))
        return { success: false, error: `${at(open)}: {{${content}}} closes nothing open` };
    } else if (/^(@index|[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*|this(\.[A-Za-z_]\w*)*)$/.test(content)) {
      target().push({ type: 'variable', path: content.split('.') });
    } else {
      return { success: false, error: `${at(open)}: '{{${content}}}' is not a variable or block` };
    }
  }
  flush();
  if (stack.length > 0) return { success: false, error: `{{#${stack.at(-1)?.node.type}}} is never closed` };
  return { success: true, nodes: root };
}

/** Top-level variable names the template reads, in order of first use (not `this` or `@index`). */
export function draftVariableNames(nodes: readonly Node[], found = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    const head = node.path[0];
    if (head && head !== 'this' && head !== '@index') found.add(head);
    if (node.type !== 'variable') {
      draftVariableNames(node.body, found);
      draftVariableNames(node.otherwise, found);
    }
  }
  return found;
}

/** Renders parsed nodes with `values`; missing values render empty, as on the server. */
export function renderDraftNodes(
  nodes: readonly Node[],
  values: Readonly<Record<string, unknown>>,
  scopes: { item: unknown; index: number }[] = [],
): string {
  let output = '';
  for (const node of nodes) {
    if (node.type === 'text') output += node.text;
    else if (node.type === 'variable') output += stringify(lookup(node.path, values, scopes));
    else if (node.type === 'if') {
      const value = lookup(node.path, values, scopes);
      const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
      output += renderDraftNodes(truthy ? node.body : node.otherwise, values, scopes);
    } else {
      const list = lookup(node.path, values, scopes);
      const items = Array.isArray(list) ? list : [];
      if (items.length === 0) output += renderDraftNodes(node.otherwise, values, scopes);
      items.forEach((item, index) => {
        output += renderDraftNodes(node.body, values, [...scopes, { item, index }]);
      });
    }
  }
  return output;
}

function lookup(
  path: readonly string[],
  values: Readonly<Record<string, unknown>>,
  scopes: { item: unknown; index: number }[],
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

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
