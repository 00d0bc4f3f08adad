import {
  acceptAnyModel,
  type CompiledPrompt,
  compilePrompt,
  contentHash,
  createModelChecker,
  describeLocation,
  describeSelector,
  diffPrompts,
  type ModelCheck,
  type ModelChecker,
  type ModelConfig,
  type PromptDefinition,
  type PromptDefinitionInput,
  type PromptProblem,
  parsePromptReference,
  preparePrompt,
  promptDefinitionInputSchema,
  promptTemplates,
  SextantError,
  type VersionDiff,
  type VersionSelector,
} from '@sextant/core';
import type { LabelEvent, Store } from '@sextant/store';
import { type Caller, type LabelledVersion, VersionedRegistryService } from './versioned-registry-service.js';

/** What a client sends to create a prompt version. */
export interface CreatePromptVersionInput {
  definition: PromptDefinitionInput;
  commitMessage?: string | null;
  /** Labels moved to the new (or unchanged) version, each move audited. */
  labels?: readonly string[];
  /** The newest version the client saw (null: it expects a new prompt); stale → 409. */
  expectedLatestVersion?: number | null;
}

export interface CreatedPromptVersion {
  status: 'created' | 'unchanged';
  prompt: LabelledVersion<PromptDefinition>;
  labelEvents: LabelEvent[];
  /** Things worth knowing that did not stop the save, such as a model id missing from the catalog. */
  warnings: string[];
}

/** A prompt rendered with variables, plus the model configuration to call it with. */
export interface RenderedPrompt {
  name: string;
  version: number;
  compiled: CompiledPrompt;
  config: ModelConfig;
}

/** What the gateway needs to answer `model: "prompt:NAME@LABEL"`: chat messages and model settings. */
export interface RenderedPromptReference {
  promptName: string;
  promptVersion: number;
  /** A text prompt becomes one user message. */
  messages: { role: string; content: string }[];
  config: ModelConfig;
}

/**
 * The prompt registry: immutable versions, audited labels, diffs, rendering, and checks. Used by the
 * HTTP API, and by the gateway to resolve `prompt:NAME@LABEL` models.
 */
export class PromptService {
  readonly versions: VersionedRegistryService<PromptDefinition>;

  constructor(private readonly store: Store) {
    this.versions = new VersionedRegistryService(store, store.prompts, 'prompt', '`sextant prompts push`');
  }

  list(projectId: string) {
    return this.store.prompts.list(projectId);
  }

  get(projectId: string, name: string, selector: VersionSelector) {
    return this.versions.select(projectId, name, selector);
  }

  async create(
    projectId: string,
    name: string,
    input: CreatePromptVersionInput,
    caller: Caller,
  ): Promise<CreatedPromptVersion> {
    const parsed = promptDefinitionInputSchema.safeParse(input.definition);
    if (!parsed.success) {
      throw new SextantError(
        'bad_request',
        `prompt '${name}': ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    }
    const prepared = preparePrompt(parsed.data, { checkModel: await this.modelChecker(projectId) });
    const errors = prepared.problems.filter((problem) => problem.code !== 'unknown_model');
    const tooLarge = errors.find((problem) => problem.code === 'too_large');
    if (tooLarge) throw new SextantError('payload_too_large', `prompt '${name}': ${tooLarge.message}`);
    if (errors.length > 0) {
      throw new SextantError(
        'bad_request',
        `prompt '${name}' was not saved: ${describeProblems(errors, prepared.definition)}`,
      );
    }
    for (const label of input.labels ?? []) this.versions.checkMovableLabel(label);
    const outcome = await this.store.prompts.createVersion(projectId, {
      name,
      definition: prepared.definition,
      contentHash: await contentHash(prepared.definition),
      commitMessage: input.commitMessage?.trim() || null,
      actor: await this.versions.actor(projectId, caller),
      expectedLatestVersion: input.expectedLatestVersion,
      labels: input.labels,
    });
    if (outcome.status === 'conflict') {
      return this.versions.staleCreate(
        projectId,
        name,
        input.expectedLatestVersion ?? null,
        outcome.latestVersion,
      );
    }
    await this.versions.auditCreate(projectId, caller, outcome);
    const prompt = await this.versions.select(projectId, name, { version: outcome.version.version });
    const warnings = prepared.problems
      .filter((problem) => problem.code === 'unknown_model')
      .map((problem) => problem.message);
    return { status: outcome.status, prompt, labelEvents: outcome.labelEvents, warnings };
  }

  /** Line diffs of two versions, each given as a number, a label or `latest`. */
  async diff(projectId: string, name: string, from: string, to: string) {
    const before = await this.versions.select(projectId, name, this.versions.parseSelector(from));
    const after = await this.versions.select(projectId, name, this.versions.parseSelector(to));
    const diff: VersionDiff = diffPrompts(before.record.definition, after.record.definition);
    return { name, from: before.record.version, to: after.record.version, ...diff };
  }

  /** Renders a version with variables; missing, unknown or mistyped variables are a 400 naming them. */
  async render(
    projectId: string,
    name: string,
    selector: VersionSelector,
    variables: Record<string, unknown>,
  ): Promise<RenderedPrompt> {
    const { record } = await this.versions.select(projectId, name, selector);
    const compiled = compilePrompt(record.definition, variables);
    if (!compiled.success) {
      throw new SextantError('bad_request', `prompt '${name}' version ${record.version}: ${compiled.error}`);
    }
    return { name, version: record.version, compiled: compiled.value, config: record.definition.config };
  }

  /**
   * Checks definitions without saving them: templates, variables and model ids against the catalog.
   * Also answers, per model id named, whether the project knows it (for `sextant prompts check`).
   */
  async check(
    projectId: string,
    definitions: readonly unknown[],
  ): Promise<{ results: PromptProblem[][]; models: Record<string, ModelCheck> }> {
    const checkModel = await this.modelChecker(projectId);
    const models: Record<string, ModelCheck> = {};
    const results = definitions.map((definition) => {
      const parsed = promptDefinitionInputSchema.safeParse(definition);
      if (!parsed.success) {
        return parsed.error.issues.map((issue) => ({
          code: 'syntax' as const,
          message: `${issue.path.join('.')}: ${issue.message}`,
          location: { part: 'prompt' as const },
        }));
      }
      const model = parsed.data.config.model;
      if (model) models[model] = checkModel(model);
      return preparePrompt(parsed.data, { checkModel }).problems;
    });
    return { results, models };
  }

  /**
   * Resolves `prompt:NAME`, `prompt:NAME@LABEL` or `prompt:NAME@VERSION` to the version it names. The
   * gateway hook: `renderPromptReference` also renders it.
   */
  async resolvePromptReference(
    projectId: string,
    reference: string,
  ): Promise<LabelledVersion<PromptDefinition>> {
    const parsed = parsePromptReference(reference);
    if (!parsed.success) throw new SextantError('bad_request', parsed.error);
    try {
      return await this.versions.select(projectId, parsed.value.name, parsed.value.selector);
    } catch (error) {
      if (error instanceof SextantError && error.code === 'not_found') {
        throw new SextantError(
          'not_found',
          `${describeSelector(parsed.value.name, parsed.value.selector)}: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /**
   * Renders a `prompt:NAME@LABEL` reference with the request's variables into chat messages plus the
   * prompt's model configuration, for the gateway to call the model with.
   */
  async renderPromptReference(
    projectId: string,
    reference: string,
    variables: Record<string, unknown>,
  ): Promise<RenderedPromptReference> {
    const { record } = await this.resolvePromptReference(projectId, reference);
    const compiled = compilePrompt(record.definition, variables);
    if (!compiled.success) {
      throw new SextantError('bad_request', `${reference} (version ${record.version}): ${compiled.error}`);
    }
    const messages =
      compiled.value.type === 'chat'
        ? compiled.value.messages
        : [{ role: 'user', content: compiled.value.text }];
    return {
      promptName: record.name,
      promptVersion: record.version,
      messages,
      config: record.definition.config,
    };
  }

  /** Model ids the project knows (catalog, own models, aliases); accepts any id when there is no catalog. */
  async modelChecker(projectId: string): Promise<ModelChecker> {
    try {
      const [models, aliases] = await Promise.all([
        this.store.listModels(projectId),
        this.store.listModelAliases(projectId),
      ]);
      return createModelChecker(
        models.map((model) => model.id),
        aliases.map((alias) => alias.name),
      );
    } catch {
      return acceptAnyModel;
    }
  }
}

function describeProblems(problems: readonly PromptProblem[], definition: PromptDefinition): string {
  const roles = promptTemplates(definition).map((template) => template.role);
  return problems
    .map((problem) => `${describeLocation(problem.location, roles)}: ${problem.message}`)
    .join('; ');
}
