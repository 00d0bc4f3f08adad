import { fail, ok, type Result } from '../result.js';
import { positionAt, type TextPosition } from './text-position.js';

/**
 * A template node. Paths are dotted names: `['customer', 'name']`, or inside `{{#each}}` the item
 * itself (`['this', ...]`) and its position (`['@index']`).
 */
export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'variable'; path: string[]; position: TextPosition }
  | { type: 'if'; path: string[]; position: TextPosition; body: TemplateNode[]; otherwise: TemplateNode[] }
  | { type: 'each'; path: string[]; position: TextPosition; body: TemplateNode[]; otherwise: TemplateNode[] };

/** A syntax error at a 1-based line and column of the template. */
export interface TemplateSyntaxError extends TextPosition {
  message: string;
}

type Block = Extract<TemplateNode, { type: 'if' | 'each' }>;
interface OpenBlock {
  node: Block;
  tag: string;
  inElse: boolean;
}

const segmentPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const syntaxHelp = 'templates know {{name}}, {{#if name}}…{{/if}} and {{#each items}}…{{/each}}';

/**
 * Parses Sextant's template syntax: `{{ variable }}` (dotted paths allowed), `{{#if name}}…{{else}}…{{/if}}`,
 * `{{#each items}}…{{this}}…{{@index}}…{{/each}}`, `{{! comment }}`, and `\{{` for literal braces.
 * There are no helpers or expressions, so rendering never runs code. Fails on the first error.
 * @example parseTemplate('Hi {{name}}').success // true
 */
export function parseTemplate(source: string): Result<TemplateNode[], TemplateSyntaxError> {
  const root: TemplateNode[] = [];
  const stack: OpenBlock[] = [];
  let text = '';
  const target = (): TemplateNode[] => {
    const top = stack.at(-1);
    if (!top) return root;
    return top.inElse ? top.node.otherwise : top.node.body;
  };
  const flush = () => {
    if (text) target().push({ type: 'text', text });
    text = '';
  };
  const error = (offset: number, message: string) =>
    fail<TemplateSyntaxError>({ ...positionAt(source, offset), message });

  let index = 0;
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
    const nextOpen = source.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return error(
        open,
        `unclosed tag: '{{' has no matching '}}'; close it, or write \\{{ for literal braces`,
      );
    }
    const raw = source.slice(open, close + 2);
    const content = source.slice(open + 2, close).trim();
    const position = positionAt(source, open);
    index = close + 2;
    if (content.startsWith('!')) continue;
    flush();
    const problem = handleTag(content, raw, position, stack, target);
    if (problem) return error(open, problem);
  }
  flush();
  const unclosed = stack.at(-1);
  if (unclosed) {
    const { line, column } = unclosed.node.position;
    return fail({
      line,
      column,
      message: `'${unclosed.tag}' is never closed; add '{{/${unclosed.node.type}}}'`,
    });
  }
  return ok(root);
}

/** Applies one tag to the tree; returns an error message, or undefined when it fits. */
function handleTag(
  content: string,
  raw: string,
  position: TextPosition,
  stack: OpenBlock[],
  target: () => TemplateNode[],
): string | undefined {
  if (content === '')
    return `empty tag '${raw}'; write a variable such as {{name}}, or \\{{ for literal braces`;
  if (content.startsWith('{')) {
    return `'${raw}}' has triple braces; Sextant never escapes values, so write {{${content.slice(1).trim()}}}`;
  }
  const insideEach = stack.some((block) => block.node.type === 'each');
  if (content.startsWith('#')) {
    const match = /^#(\S+)\s*(.*)$/.exec(content);
    const keyword = match?.[1] ?? '';
    const argument = match?.[2]?.trim() ?? '';
    if (keyword !== 'if' && keyword !== 'each')
      return `unknown block '#${keyword}' in '${raw}'; ${syntaxHelp}`;
    if (!argument) return `'${raw}' needs a variable, as in {{#${keyword} items}}`;
    const path = parsePath(argument, insideEach);
    if (typeof path === 'string') return `${path} in '${raw}'`;
    const node: Block =
      keyword === 'if'
        ? { type: 'if', path, position, body: [], otherwise: [] }
        : { type: 'each', path, position, body: [], otherwise: [] };
    target().push(node);
    stack.push({ node, tag: raw, inElse: false });
    return undefined;
  }
  if (content === 'else') {
    const top = stack.at(-1);
    if (!top) return `'${raw}' is outside any {{#if}} or {{#each}} block`;
    if (top.inElse) return `second '${raw}' in '${top.tag}' at ${describe(top.node.position)}`;
    top.inElse = true;
    return undefined;
  }
  if (content.startsWith('/')) {
    const keyword = content.slice(1).trim();
    const top = stack.at(-1);
    if (!top) return `'${raw}' closes nothing; no block is open`;
    if (keyword !== top.node.type) {
      return `'${raw}' does not match '${top.tag}' opened at ${describe(top.node.position)}; close it with '{{/${top.node.type}}}'`;
    }
    stack.pop();
    return undefined;
  }
  const path = parsePath(content, insideEach);
  if (typeof path === 'string') return `${path} in '${raw}'`;
  target().push({ type: 'variable', path, position });
  return undefined;
}

/** A dotted path, or an error message. */
function parsePath(expression: string, insideEach: boolean): string[] | string {
  if (/\s/.test(expression) || /[()|>=<]/.test(expression)) {
    return `'${expression}' is not a variable name (${syntaxHelp}; there are no helpers or expressions)`;
  }
  const segments = expression.split('.');
  const [head, ...rest] = segments;
  if ((head === 'this' || head === '@index') && !insideEach) {
    return `'${head}' only works inside {{#each}}`;
  }
  if (head === '@index' && rest.length > 0) return `'@index' has no fields`;
  const named = head === 'this' || head === '@index' ? rest : segments;
  const bad = named.find((segment) => !segmentPattern.test(segment));
  if (bad !== undefined) {
    return `'${expression}' is not a valid variable name: use letters, digits and underscores, starting with a letter, and dots between fields`;
  }
  return segments;
}

const describe = (position: TextPosition) => `${position.line}:${position.column}`;
