import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  stringify,
} from 'yaml';
import type { ModelChecker } from './model-checker.js';
import { type PromptLocation, type PromptProblemCode, preparePrompt } from './prepare-prompt.js';
import {
  type PromptDefinition,
  type PromptVariable,
  promptDefinitionInputSchema,
} from './prompt-definition.js';
import {
  type BodyPart,
  chatBody,
  fitsBody,
  looksLikeChat,
  parseChatBody,
  parseTextBody,
} from './prompt-file-body.js';
import { registryNameSchema } from './prompt-names.js';
import { suggestName } from './suggest-name.js';
import { offsetPosition, type TextPosition } from './text-position.js';

/** Prompt files are `NAME.prompt.md`: YAML front matter, then the template (or `## role` sections). */
export const promptFileSuffix = '.prompt.md';

/** The file name `pull` writes for a prompt. */
export const promptFileName = (name: string) => `${name}${promptFileSuffix}`;

/** A problem at a 1-based line and column of a prompt file. */
export interface PromptFileProblem extends TextPosition {
  code: PromptProblemCode | 'file';
  message: string;
}

/** A read prompt file: its name and definition when they could be read, and every problem found. */
export interface PromptFile {
  name: string | null;
  definition: PromptDefinition | null;
  problems: PromptFileProblem[];
}

const frontMatterKeys = [
  'name',
  'type',
  'description',
  'model',
  'parameters',
  'tools',
  'responseSchema',
  'variables',
  'template',
  'messages',
] as const;

/**
 * Reads a prompt file and checks it as `sextant prompts check` does: front matter, template syntax,
 * undeclared and unused variables, model ids (with `checkModel`), with positions in the file.
 * @example readPromptFile(text, { fileName: 'prompts/greet.prompt.md' }).problems // []
 */
export function readPromptFile(
  source: string,
  options: { fileName?: string; checkModel?: ModelChecker } = {},
): PromptFile {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const failure = (line: number, column: number, message: string): PromptFile => ({
    name: null,
    definition: null,
    problems: [{ line, column, code: 'file', message }],
  });
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    return failure(
      1,
      1,
      "a prompt file starts with a line '---', then YAML front matter (name, variables, model), then '---' and the template",
    );
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (closing === -1)
    return failure(1, 1, "the front matter opened on line 1 is never closed; add a line '---' after it");

  const lineCounter = new LineCounter();
  const document = parseDocument(lines.slice(1, closing).join('\n'), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const at = (offset: number): TextPosition => {
    const position = lineCounter.linePos(offset);
    return { line: position.line + 1, column: position.col };
  };
  if (document.errors.length > 0) {
    return {
      name: null,
      definition: null,
      problems: document.errors.map((error) => ({
        ...at(error.pos[0]),
        code: 'file',
        message: `front matter: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const front = (document.toJS({ maxAliasCount: 50 }) ?? {}) as unknown;
  if (typeof front !== 'object' || front === null || Array.isArray(front)) {
    return failure(2, 1, 'the front matter must be YAML keys such as name:, variables: and model:');
  }
  return readFront(front as Record<string, unknown>, document, at, {
    body: lines.slice(closing + 1).join('\n'),
    bodyFirstLine: closing + 2,
    fileName: options.fileName,
    checkModel: options.checkModel,
  });
}

function readFront(
  front: Record<string, unknown>,
  document: Document,
  at: (offset: number) => TextPosition,
  context: { body: string; bodyFirstLine: number; fileName?: string; checkModel?: ModelChecker },
): PromptFile {
  const problems: PromptFileProblem[] = [];
  const locate = (path: readonly (string | number)[], key = false) => yamlPosition(document, path, at, key);
  for (const key of Object.keys(front)) {
    if ((frontMatterKeys as readonly string[]).includes(key)) continue;
    const close = suggestName(key, frontMatterKeys);
    problems.push({
      ...locate([key], true),
      code: 'file',
      message: `unknown front matter key '${key}'${close ? ` (did you mean '${close}'?)` : ''}; keys: ${frontMatterKeys.join(', ')}`,
    });
  }
  const name = readName(front.name, context.fileName);
  if (typeof name !== 'string') problems.push({ ...locate(['name']), code: 'file', message: name.error });

  const inFront = front.template !== undefined || front.messages !== undefined;
  const type =
    front.type ??
    (front.messages !== undefined
      ? 'chat'
      : front.template !== undefined
        ? 'text'
        : looksLikeChat(context.body)
          ? 'chat'
          : 'text');
  let templateStart: BodyPart['start'] | undefined;
  let messageStarts: TextPosition[] = [];
  const candidate: Record<string, unknown> = {
    type,
    description: front.description,
    variables: variablesInput(front.variables),
    config: definedFields({
      model: front.model,
      parameters: front.parameters,
      tools: front.tools,
      responseSchema: front.responseSchema,
    }),
  };
  if (inFront) {
    if (context.body.trim() !== '') {
      problems.push({
        line: context.bodyFirstLine,
        column: 1,
        code: 'file',
        message:
          "the template is both in the front matter ('template:' or 'messages:') and in the body; keep one",
      });
    }
    candidate.template = front.template;
    candidate.messages = front.messages;
  } else if (type === 'chat') {
    const chat = parseChatBody(context.body, context.bodyFirstLine);
    if (chat.error)
      problems.push({ line: chat.error.line, column: 1, code: 'file', message: chat.error.message });
    candidate.messages = chat.messages.map(({ role, content }) => ({ role, content }));
    messageStarts = chat.messages.map((message) => message.start);
  } else {
    const text = parseTextBody(context.body, context.bodyFirstLine);
    candidate.template = text.text;
    templateStart = text.start;
  }
  const parsed = promptDefinitionInputSchema.safeParse(definedFields(candidate));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = frontPath(issue.path as (string | number)[], front.variables);
      problems.push({ ...locate(path), code: 'file', message: `${describePath(path)}${issue.message}` });
    }
    return {
      name: typeof name === 'string' ? name : null,
      definition: null,
      problems: sortProblems(problems),
    };
  }
  const prepared = preparePrompt(parsed.data, { checkModel: context.checkModel });
  const fallback = templateStart ?? { line: context.bodyFirstLine, column: 1 };
  const position = (location: PromptLocation): TextPosition => {
    switch (location.part) {
      case 'template':
        return inFront ? locate(['template']) : offsetPosition(fallback, location);
      case 'message': {
        const start = messageStarts[location.index];
        return start ? offsetPosition(start, location) : locate(['messages', location.index]);
      }
      case 'variable':
        return locate(variablePath(front.variables, location.name), true);
      case 'model':
        return locate(['model']);
      case 'prompt':
        return fallback;
    }
  };
  for (const problem of prepared.problems) {
    problems.push({ ...position(problem.location), code: problem.code, message: problem.message });
  }
  return {
    name: typeof name === 'string' ? name : null,
    definition: prepared.definition,
    problems: sortProblems(problems),
  };
}

function readName(value: unknown, fileName: string | undefined): string | { error: string } {
  const base = fileName?.split(/[\\/]/).at(-1);
  const fromFile = base?.endsWith(promptFileSuffix) ? base.slice(0, -promptFileSuffix.length) : undefined;
  const name = value ?? fromFile;
  if (name === undefined) return { error: "the prompt has no name; add 'name: NAME' to the front matter" };
  if (typeof name !== 'string') return { error: 'name: must be text' };
  const checked = registryNameSchema.safeParse(name);
  return checked.success ? name : { error: `name '${name}': ${checked.error.issues[0]?.message}` };
}

/** Variables as the schema wants them: a list; the file may also give a map of name to spec or type. */
function variablesInput(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null) return [];
  if (Array.isArray(value) || typeof value !== 'object') return value;
  return Object.entries(value as Record<string, unknown>).map(([name, spec]) => {
    if (typeof spec === 'string') return { name, type: spec };
    if (spec === null) return { name };
    if (typeof spec === 'object' && !Array.isArray(spec)) return { name, ...spec };
    return spec;
  });
}

function variablePath(variables: unknown, name: string): (string | number)[] {
  if (Array.isArray(variables)) {
    const index = variables.findIndex((entry) => (entry as { name?: unknown } | null)?.name === name);
    return index === -1 ? ['variables'] : ['variables', index];
  }
  return ['variables', name];
}

/** Where a schema issue's path is in the front matter. */
function frontPath(path: readonly (string | number)[], variables: unknown): (string | number)[] {
  const [head, ...rest] = path;
  if (head === 'config') return rest;
  if (head === 'variables' && typeof rest[0] === 'number' && !Array.isArray(variables)) {
    const names = variables && typeof variables === 'object' ? Object.keys(variables) : [];
    return ['variables', names[rest[0]] ?? rest[0], ...rest.slice(1)];
  }
  return [...path];
}

const describePath = (path: readonly (string | number)[]) => (path.length > 0 ? `${path.join('.')}: ` : '');

function yamlPosition(
  document: Document,
  path: readonly (string | number)[],
  at: (offset: number) => TextPosition,
  key: boolean,
): TextPosition {
  let node: unknown = document.contents;
  let found: Node | null = null;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      const last = index === path.length - 1;
      if (last && key && isScalar(pair.key)) return pair.key.range ? at(pair.key.range[0]) : fallbackPosition;
      if (isScalar(pair.key)) found = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      break;
    }
    if (node && typeof node === 'object' && 'range' in node && (node as Node).range) found = node as Node;
  }
  return found?.range ? at(found.range[0]) : fallbackPosition;
}

const fallbackPosition: TextPosition = { line: 2, column: 1 };

function definedFields(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));
}

function sortProblems(problems: PromptFileProblem[]): PromptFileProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Writes a prompt as a file `readPromptFile` reads back to the same definition (so a pull followed by a
 * push creates no version). Templates go in the body; one that a body cannot hold exactly (blank lines
 * at its ends, a `## role` line inside a message) goes into the front matter instead.
 */
export function serializePromptFile(name: string, definition: PromptDefinition): string {
  const front: Record<string, unknown> = { name, type: definition.type };
  if (definition.description) front.description = definition.description;
  const { model, parameters, tools, responseSchema } = definition.config;
  if (model) front.model = model;
  if (Object.keys(parameters).length > 0) front.parameters = parameters;
  if (tools.length > 0) front.tools = tools;
  if (responseSchema) front.responseSchema = responseSchema;
  front.variables = Object.fromEntries(
    definition.variables.map((variable) => [variable.name, variableSpec(variable)]),
  );
  let body = '';
  if (definition.type === 'text') {
    if (fitsBody(definition.template, 'text')) body = definition.template;
    else front.template = definition.template;
  } else if (definition.messages.every((message) => fitsBody(message.content, 'message'))) {
    body = chatBody(definition.messages).trimEnd();
  } else {
    front.messages = definition.messages;
  }
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body ? `\n${body}\n` : ''}`;
}

function variableSpec(variable: PromptVariable): Record<string, unknown> {
  const spec: Record<string, unknown> = { type: variable.type };
  if (!variable.required) spec.required = false;
  if (variable.default !== undefined) spec.default = variable.default;
  if (variable.description !== undefined) spec.description = variable.description;
  return spec;
}
