import type { ReleaseDefinition } from '@sextant/core';
import type { TraceAttributes } from '../trace-attributes.js';

/**
 * A release: the prompt versions, models, parameters, retriever settings, tools and config that define a
 * chain's behaviour, as one immutable version.
 */
export class Release {
  /** `NAME@VERSION`, what traces carry in `sextant.release.id`; null for a fallback without a version. */
  readonly id: string | null;
  readonly name: string;
  readonly version: number | null;
  readonly labels: readonly string[];
  readonly description: string;
  /** Prompt name to the version this release pins. */
  readonly prompts: Readonly<Record<string, number>>;
  /** Model ids by role, e.g. `{ generator: 'openai/gpt-4o-mini' }`. */
  readonly models: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly retriever: Readonly<Record<string, unknown>> | null;
  readonly tools: readonly (string | Record<string, unknown>)[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly isFallback: boolean;

  constructor(source: {
    name: string;
    version: number | null;
    labels: readonly string[];
    definition: ReleaseDefinition;
    isFallback: boolean;
  }) {
    const { definition } = source;
    this.id = source.version === null ? null : `${source.name}@${source.version}`;
    this.name = source.name;
    this.version = source.version;
    this.labels = source.labels;
    this.description = definition.description;
    this.prompts = definition.prompts;
    this.models = definition.models;
    this.parameters = definition.parameters;
    this.retriever = definition.retriever;
    this.tools = definition.tools;
    this.config = definition.config;
    this.isFallback = source.isFallback;
  }

  /** `{ releaseId }` for `withTraceAttributes`, so traces record which release produced them. */
  get traceAttributes(): TraceAttributes {
    return this.id === null ? {} : { releaseId: this.id };
  }
}
