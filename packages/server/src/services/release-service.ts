import {
  contentHash,
  diffReleases,
  type ReleaseDefinition,
  type ReleaseDefinitionInput,
  releaseDefinitionInputSchema,
  SextantError,
  type VersionSelector,
} from '@sextant/core';
import type { LabelEvent, Store } from '@sextant/store';
import type { PromptService } from './prompt-service.js';
import {
  type Caller,
  type LabelledVersion,
  type LabelMoveGuard,
  VersionedRegistryService,
} from './versioned-registry-service.js';

/** What a client sends to create a release version. */
export interface CreateReleaseInput {
  definition: ReleaseDefinitionInput;
  commitMessage?: string | null;
  labels?: readonly string[];
  /** The newest version the client saw (null: it expects a new release); stale → 409. */
  expectedLatestVersion?: number | null;
}

export interface CreatedRelease {
  status: 'created' | 'unchanged';
  release: LabelledVersion<ReleaseDefinition>;
  labelEvents: LabelEvent[];
  warnings: string[];
}

/**
 * Releases: immutable bundles of prompt versions, models, parameters, retriever settings, tools and
 * config, labelled per environment like prompts. Prompt labels in a new release are pinned to versions.
 */
export class ReleaseService {
  readonly versions: VersionedRegistryService<ReleaseDefinition>;

  constructor(
    private readonly store: Store,
    private readonly prompts: PromptService,
    /** Refuses label moves whose gates have not passed (see GateService). */
    promotionGuard?: LabelMoveGuard,
  ) {
    this.versions = new VersionedRegistryService(
      store,
      store.releases,
      'release',
      '`sextant releases create`',
    );
    this.versions.labelGuard = promotionGuard;
  }

  list(projectId: string) {
    return this.store.releases.list(projectId);
  }

  get(projectId: string, name: string, selector: VersionSelector) {
    return this.versions.select(projectId, name, selector);
  }

  async create(
    projectId: string,
    name: string,
    input: CreateReleaseInput,
    caller: Caller,
  ): Promise<CreatedRelease> {
    const parsed = releaseDefinitionInputSchema.safeParse(input.definition);
    if (!parsed.success) {
      throw new SextantError(
        'bad_request',
        `release '${name}': ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    }
    const prompts: Record<string, number> = {};
    for (const [promptName, pin] of Object.entries(parsed.data.prompts)) {
      const selector: VersionSelector = typeof pin === 'number' ? { version: pin } : { label: pin };
      try {
        prompts[promptName] = (await this.prompts.get(projectId, promptName, selector)).record.version;
      } catch (error) {
        if (!(error instanceof SextantError) || error.code !== 'not_found') throw error;
        throw new SextantError(
          'bad_request',
          `release '${name}' was not saved: prompts.${promptName}: ${error.message}`,
        );
      }
    }
    const definition: ReleaseDefinition = { ...parsed.data, prompts };
    for (const label of input.labels ?? []) this.versions.checkMovableLabel(label);
    const outcome = await this.store.releases.createVersion(projectId, {
      name,
      definition,
      contentHash: await contentHash(definition),
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
    const release = await this.versions.select(projectId, name, { version: outcome.version.version });
    return {
      status: outcome.status,
      release,
      labelEvents: outcome.labelEvents,
      warnings: await this.modelWarnings(projectId, definition),
    };
  }

  async diff(projectId: string, name: string, from: string, to: string) {
    const before = await this.versions.select(projectId, name, this.versions.parseSelector(from));
    const after = await this.versions.select(projectId, name, this.versions.parseSelector(to));
    return {
      name,
      from: before.record.version,
      to: after.record.version,
      ...diffReleases(before.record.definition, after.record.definition),
    };
  }

  private async modelWarnings(projectId: string, definition: ReleaseDefinition): Promise<string[]> {
    const checkModel = await this.prompts.modelChecker(projectId);
    return Object.entries(definition.models).flatMap(([role, model]) => {
      const check = checkModel(model);
      if (check.known) return [];
      const hint = check.suggestions.length > 0 ? `; did you mean ${check.suggestions.join(', ')}?` : '';
      return [`models.${role}: unknown model '${model}'${hint}`];
    });
  }
}
