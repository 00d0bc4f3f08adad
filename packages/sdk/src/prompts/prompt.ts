import {
  compilePrompt,
  type ModelConfig,
  type PromptDefinition,
  type PromptMessage,
  type PromptRole,
  type PromptVariable,
  SextantError,
} from '@sextant/core';
import type { TraceAttributes } from '../trace-attributes.js';

/** Where a prompt came from: the registry (with its version and labels), or a fallback. */
export interface PromptSource {
  name: string;
  /** Null for a fallback, which has no registry version. */
  version: number | null;
  labels: readonly string[];
  definition: PromptDefinition;
  isFallback: boolean;
}

abstract class BasePrompt {
  readonly name: string;
  readonly version: number | null;
  readonly labels: readonly string[];
  readonly description: string;
  readonly variables: readonly PromptVariable[];
  /** The model, parameters, tools and response schema the prompt was written for. */
  readonly config: ModelConfig;
  /** True when the registry could not be reached and the fallback given to `getPrompt` is served. */
  readonly isFallback: boolean;

  constructor(protected readonly source: PromptSource) {
    this.name = source.name;
    this.version = source.version;
    this.labels = source.labels;
    this.description = source.definition.description;
    this.variables = source.definition.variables;
    this.config = source.definition.config;
    this.isFallback = source.isFallback;
  }

  /**
   * The trace attributes that link spans to this prompt version (`sextant.prompt.name`, `.version`):
   * pass them to `withTraceAttributes`, `traced` or `withSpan`, or use `withPrompt`.
   */
  get traceAttributes(): TraceAttributes {
    return this.version === null
      ? { promptName: this.name }
      : { promptName: this.name, promptVersion: this.version };
  }

  protected render(values: Readonly<Record<string, unknown>>) {
    const compiled = compilePrompt(this.source.definition, values);
    if (compiled.success) return compiled.value;
    const which = this.isFallback ? 'fallback' : `version ${this.version}`;
    throw new SextantError('bad_request', `prompt '${this.name}' (${which}): ${compiled.error}`);
  }
}

/** A text prompt: `compile` returns the rendered text. */
export class TextPrompt extends BasePrompt {
  readonly type = 'text' as const;
  readonly template: string;

  constructor(source: PromptSource & { definition: { type: 'text' } }) {
    super(source);
    this.template = source.definition.template;
  }

  /** Renders the template; throws naming every missing, unknown or mistyped variable. */
  compile(variables: Readonly<Record<string, unknown>> = {}): string {
    const compiled = this.render(variables);
    return compiled.type === 'text' ? compiled.text : '';
  }
}

/** A chat prompt: `compile` returns the rendered messages, ready for a chat completion call. */
export class ChatPrompt extends BasePrompt {
  readonly type = 'chat' as const;
  readonly messages: readonly PromptMessage[];

  constructor(source: PromptSource & { definition: { type: 'chat' } }) {
    super(source);
    this.messages = source.definition.messages;
  }

  /** Renders every message; throws naming every missing, unknown or mistyped variable. */
  compile(variables: Readonly<Record<string, unknown>> = {}): { role: PromptRole; content: string }[] {
    const compiled = this.render(variables);
    return compiled.type === 'chat' ? compiled.messages : [];
  }
}

/** A prompt from the registry or a fallback; narrow on `type`. */
export type Prompt = TextPrompt | ChatPrompt;

export function toPrompt(source: PromptSource): Prompt {
  const { definition } = source;
  return definition.type === 'text'
    ? new TextPrompt({ ...source, definition })
    : new ChatPrompt({ ...source, definition });
}
