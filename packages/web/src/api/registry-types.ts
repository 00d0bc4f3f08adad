// Response shapes of the prompt and release registries (/api/prompts, /api/releases).

export type RegistryResource = 'prompts' | 'releases';

/** Who made a version or moved a label; `user` is what the client said, not authenticated. */
export interface Actor {
  user: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
}

/** Metadata every stored version carries around its definition. */
export interface VersionRecord<D> {
  name: string;
  version: number;
  /** Labels pointing at this version; `latest` when it is the newest. */
  labels: string[];
  definition: D;
  contentHash: string;
  commitMessage: string | null;
  createdBy: Actor;
  createdAt: string;
}

export type PromptVariableType = 'string' | 'number' | 'boolean' | 'json';

export interface PromptVariable {
  name: string;
  type: PromptVariableType;
  required: boolean;
  default?: unknown;
  description?: string;
}

export type PromptRole = 'system' | 'developer' | 'user' | 'assistant';
export const promptRoles: readonly PromptRole[] = ['system', 'developer', 'user', 'assistant'];

export interface PromptMessage {
  role: PromptRole;
  content: string;
}

export interface ModelConfig {
  model: string | null;
  parameters: Record<string, unknown> & { temperature?: number; top_p?: number; max_tokens?: number };
  tools: Record<string, unknown>[];
  responseSchema: Record<string, unknown> | null;
}

interface PromptCommon {
  variables: PromptVariable[];
  description: string;
  config: ModelConfig;
}

export type PromptDefinition =
  | ({ type: 'text'; template: string } & PromptCommon)
  | ({ type: 'chat'; messages: PromptMessage[] } & PromptCommon);

export type PromptVersion = VersionRecord<PromptDefinition>;

export interface PromptSummary {
  name: string;
  latestVersion: number;
  /** Label name to version. */
  labels: Record<string, number>;
  type: 'text' | 'chat';
  description: string;
  model: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReleaseDefinition {
  /** Prompt name to the version pinned. */
  prompts: Record<string, number>;
  description: string;
  /** Model ids by role in the chain, e.g. generator, embedder. */
  models: Record<string, string>;
  parameters: Record<string, unknown>;
  retriever: Record<string, unknown> | null;
  tools: (string | Record<string, unknown>)[];
  config: Record<string, unknown>;
}

/** A release version; `id` (NAME@VERSION) is what its traces carry. */
export type ReleaseVersion = VersionRecord<ReleaseDefinition> & { id: string };

export interface ReleaseSummary {
  name: string;
  latestVersion: number;
  latestId: string;
  labels: Record<string, number>;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface LabelEvent {
  id: number;
  label: string;
  /** null: the label did not exist before. */
  fromVersion: number | null;
  /** null: the label was removed. */
  toVersion: number | null;
  actor: Actor;
  createdAt: string;
}

export interface LabelMove {
  name: string;
  label: string;
  status: 'moved' | 'unchanged';
  version: number | null;
  previousVersion: number | null;
  labels: Record<string, number>;
}

export interface DiffLine {
  type: 'equal' | 'added' | 'removed';
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

export interface VersionDiff {
  name: string;
  from: number;
  to: number;
  changed: boolean;
  sections: { name: string; changed: boolean; lines: DiffLine[] }[];
}

export interface RenderedPrompt {
  name: string;
  version: number;
  compiled: { type: 'text'; text: string } | { type: 'chat'; messages: PromptMessage[] };
  config: ModelConfig;
}

export interface CreatedPromptVersion {
  status: 'created' | 'unchanged';
  prompt: PromptVersion;
  labelEvents: LabelEvent[];
  warnings: string[];
}

/** What POST /api/prompts/{name}/versions takes; variables are inferred from the template when omitted. */
export interface PromptDefinitionInput {
  type: 'text' | 'chat';
  template?: string;
  messages?: PromptMessage[];
  variables?: PromptVariable[];
  description?: string;
  config?: ModelConfig;
}
