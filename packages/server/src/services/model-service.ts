import {
  closestNames,
  filterModels,
  type ModelAlias,
  type ModelAliasInput,
  type ModelCapabilities,
  type ModelCard,
  type ModelFilter,
  type ModelPricing,
  modelAliasSchema,
  SextantError,
} from '@sextant/core';
import type { CatalogChanges, Store } from '@sextant/store';
import { type AuditCaller, AuditLog } from './audit-log.js';
import { seedCatalogIfEmpty } from './model-catalog-seed.js';
import type { CredentialCipher } from './model-credential-cipher.js';
import type { ModelRegistry } from './model-registry.js';

/** A user's OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio) and the models it serves. */
export interface EndpointInput {
  provider: string;
  baseUrl: string;
  models: string[];
  /** Environment variable holding the endpoint's API key, if it needs one. */
  apiKeyEnv?: string;
  pricing?: Partial<ModelPricing>;
  contextWindow?: number;
  capabilities?: Partial<ModelCapabilities>;
}

/** A GGUF file to run in-process. */
export interface GgufInput {
  file: string;
  id?: string;
  threads?: number;
  name?: string;
}

/** How a provider's credential is found: stored (encrypted), in the environment, or missing. */
export interface ProviderStatus {
  provider: string;
  name: string;
  protocol: ModelCard['access']['protocol'];
  credentialEnv: string[];
  credential: 'stored' | 'environment' | 'missing' | 'not-needed';
  models: number;
}

const providerIdPattern = /^[a-z0-9][a-z0-9._-]{0,49}$/;
/** The CLI working on the store file directly. */
const local: AuditCaller = { apiKeyId: null };

/** The model garden: browse the catalog, add own models and aliases, manage provider credentials. */
export class ModelService {
  constructor(
    private readonly store: Store,
    private readonly cipher: CredentialCipher,
    private readonly registry?: ModelRegistry,
  ) {
    this.audit = new AuditLog(store);
  }

  private readonly audit: AuditLog;

  async list(projectId: string, filter: ModelFilter): Promise<{ models: ModelCard[]; total: number }> {
    await seedCatalogIfEmpty(this.store);
    const cards = await this.store.listModels(projectId);
    return { models: filterModels(cards, filter), total: cards.length };
  }

  /** One model by id; an unknown id fails with the closest ids. */
  async get(projectId: string, id: string): Promise<ModelCard> {
    await seedCatalogIfEmpty(this.store);
    const cards = await this.store.listModels(projectId);
    const card = cards.find((candidate) => candidate.id === id);
    if (card) return card;
    const close = closestNames(
      id,
      cards.map((candidate) => candidate.id),
    );
    throw new SextantError(
      'not_found',
      `model '${id}' is not in the catalog or this project; closest: ${close.join(', ')}`,
    );
  }

  async compare(projectId: string, ids: readonly string[]): Promise<ModelCard[]> {
    return Promise.all(ids.map((id) => this.get(projectId, id)));
  }

  async addEndpoint(
    projectId: string,
    input: EndpointInput,
    caller: AuditCaller = local,
  ): Promise<ModelCard[]> {
    if (!providerIdPattern.test(input.provider)) {
      throw new SextantError(
        'bad_request',
        `provider '${input.provider}' must be lowercase letters, digits, dot, dash or underscore`,
      );
    }
    let url: URL;
    try {
      url = new URL(input.baseUrl);
    } catch {
      throw new SextantError(
        'bad_request',
        `'${input.baseUrl}' is not a URL; use e.g. http://127.0.0.1:11434/v1`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new SextantError('bad_request', `base URL must be http or https, not ${url.protocol}`);
    }
    if (input.models.length === 0)
      throw new SextantError('bad_request', 'name at least one model the endpoint serves');
    // Self-hosted on this machine costs nothing per token; elsewhere the price is unknown until given.
    const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
    const price = (value: number | null | undefined) => value ?? (local ? 0 : null);
    const cards = input.models.map(
      (model): ModelCard => ({
        id: `${input.provider}/${model}`,
        provider: input.provider,
        providerName: input.provider,
        upstreamId: model,
        name: model,
        source: 'endpoint',
        modalities: { input: ['text'], output: ['text'] },
        contextWindow: input.contextWindow ?? null,
        maxOutputTokens: null,
        pricing: {
          input: price(input.pricing?.input),
          output: price(input.pricing?.output),
          cacheRead: input.pricing?.cacheRead ?? null,
          cacheWrite: input.pricing?.cacheWrite ?? null,
        },
        capabilities: {
          tools: false,
          structuredOutput: false,
          vision: false,
          reasoning: false,
          ...input.capabilities,
        },
        openWeights: null,
        license: null,
        releaseDate: null,
        knowledgeCutoff: null,
        access: {
          protocol: 'openai',
          baseUrl: input.baseUrl.replace(/\/+$/, ''),
          credentialEnv: input.apiKeyEnv ? [input.apiKeyEnv] : [],
          file: null,
          sha256: null,
          threads: null,
        },
      }),
    );
    await this.auditModels(projectId, caller, cards);
    await this.store.putModels(projectId, cards);
    this.registry?.invalidate(projectId);
    return cards;
  }

  async addGguf(projectId: string, input: GgufInput, caller: AuditCaller = local): Promise<ModelCard> {
    if (!input.file.toLowerCase().endsWith('.gguf')) {
      throw new SextantError(
        'bad_request',
        `${input.file} does not end in .gguf; give the path of a GGUF model file`,
      );
    }
    const { inspectGgufFile } = await import('@sextant/providers');
    const inspected = await inspectGgufFile(input.file);
    if (!inspected.success) throw new SextantError('bad_request', inspected.error);
    const facts = inspected.value;
    const base = facts.file
      .split(/[\\/]/)
      .pop()!
      .replace(/\.gguf$/i, '')
      .toLowerCase();
    const id = input.id ?? `local/${base.replace(/[^a-z0-9._-]+/g, '-')}`;
    if (!/^[a-z0-9][a-z0-9._-]*\/.+$/.test(id)) {
      throw new SextantError('bad_request', `model id '${id}' must be provider/name, e.g. local/${base}`);
    }
    const threads = input.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
      throw new SextantError('bad_request', `threads must be a whole number from 1 to 256, not ${threads}`);
    }
    const card: ModelCard = {
      id,
      provider: id.slice(0, id.indexOf('/')),
      providerName: 'Local (llama.cpp)',
      upstreamId: id.slice(id.indexOf('/') + 1),
      name: input.name ?? facts.name ?? base,
      source: 'gguf',
      modalities: { input: ['text'], output: ['text'] },
      contextWindow: facts.contextLength,
      maxOutputTokens: null,
      pricing: { input: 0, output: 0, cacheRead: null, cacheWrite: null },
      capabilities: { tools: false, structuredOutput: false, vision: false, reasoning: false },
      openWeights: true,
      license: facts.license,
      releaseDate: null,
      knowledgeCutoff: null,
      access: {
        protocol: 'gguf',
        baseUrl: null,
        credentialEnv: [],
        file: facts.file,
        sha256: facts.sha256,
        threads,
      },
    };
    await this.auditModels(projectId, caller, [card]);
    await this.store.putModels(projectId, [card]);
    this.registry?.invalidate(projectId);
    return card;
  }

  async remove(projectId: string, id: string, caller: AuditCaller = local): Promise<void> {
    const before = await this.ownModel(projectId, id);
    if (!(await this.store.deleteModel(projectId, id))) {
      throw new SextantError(
        'not_found',
        `'${id}' is not one of this project's own models (catalog models cannot be removed)`,
      );
    }
    await this.audit.record(projectId, caller, {
      action: 'model.remove',
      targetType: 'model',
      targetId: id,
      before,
    });
    this.registry?.invalidate(projectId);
  }

  async putAlias(
    projectId: string,
    input: ModelAliasInput,
    caller: AuditCaller = local,
  ): Promise<ModelAlias> {
    const parsed = modelAliasSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SextantError('bad_request', `${issue?.path.join('.') || 'alias'}: ${issue?.message}`);
    }
    const alias = parsed.data;
    const known = new Set((await this.store.listModels(projectId)).map((card) => card.id));
    for (const target of alias.targets) {
      if (!known.has(target)) {
        const close = closestNames(target, [...known]);
        throw new SextantError(
          'bad_request',
          `alias target '${target}' is not a model id; closest: ${close.join(', ')}`,
        );
      }
    }
    const before = (await this.store.listModelAliases(projectId)).find((item) => item.name === alias.name);
    await this.store.putModelAlias(projectId, alias);
    await this.audit.record(projectId, caller, {
      action: 'model_alias.put',
      targetType: 'model_alias',
      targetId: alias.name,
      before,
      after: alias,
    });
    this.registry?.invalidate(projectId);
    return alias;
  }

  listAliases(projectId: string): Promise<ModelAlias[]> {
    return this.store.listModelAliases(projectId);
  }

  async deleteAlias(projectId: string, name: string, caller: AuditCaller = local): Promise<void> {
    const before = (await this.store.listModelAliases(projectId)).find((item) => item.name === name);
    if (!(await this.store.deleteModelAlias(projectId, name))) {
      throw new SextantError('not_found', `no alias '${name}' in this project`);
    }
    await this.audit.record(projectId, caller, {
      action: 'model_alias.delete',
      targetType: 'model_alias',
      targetId: name,
      before,
    });
    this.registry?.invalidate(projectId);
  }

  async listProviders(
    projectId: string,
    environment: NodeJS.ProcessEnv = process.env,
  ): Promise<ProviderStatus[]> {
    await seedCatalogIfEmpty(this.store);
    const [cards, stored] = await Promise.all([
      this.store.listModels(projectId),
      this.store.listProviderCredentials(projectId),
    ]);
    const storedProviders = new Set(stored.map((credential) => credential.provider));
    const providers = new Map<string, ProviderStatus>();
    for (const card of cards) {
      const existing = providers.get(card.provider);
      if (existing) {
        existing.models += 1;
        continue;
      }
      const variable = card.access.credentialEnv[0];
      providers.set(card.provider, {
        provider: card.provider,
        name: card.providerName,
        protocol: card.access.protocol,
        credentialEnv: card.access.credentialEnv,
        credential: storedProviders.has(card.provider)
          ? 'stored'
          : !variable
            ? 'not-needed'
            : environment[variable]
              ? 'environment'
              : 'missing',
        models: 1,
      });
    }
    return [...providers.values()].sort((a, b) => a.provider.localeCompare(b.provider));
  }

  /** Stores a provider credential encrypted; it is never returned by any API or printed. */
  async setCredential(
    projectId: string,
    provider: string,
    apiKey: string,
    caller: AuditCaller = local,
  ): Promise<void> {
    if (!providerIdPattern.test(provider))
      throw new SextantError('bad_request', `'${provider}' is not a provider id`);
    const secret = apiKey.trim();
    if (secret.length < 8 || /\s/.test(secret)) {
      throw new SextantError('bad_request', 'the credential must be at least 8 characters with no spaces');
    }
    await this.store.putProviderCredential(
      projectId,
      provider,
      this.cipher.encrypt(secret, { projectId, provider }),
    );
    // Only that a credential was set: never the key, its ciphertext or a fragment of either.
    await this.audit.record(projectId, caller, {
      action: 'provider_credential.set',
      targetType: 'provider_credential',
      targetId: provider,
      after: { provider, stored: true },
    });
    this.registry?.invalidate(projectId);
  }

  async deleteCredential(projectId: string, provider: string, caller: AuditCaller = local): Promise<void> {
    if (!(await this.store.deleteProviderCredential(projectId, provider))) {
      throw new SextantError('not_found', `no stored credential for '${provider}' in this project`);
    }
    await this.audit.record(projectId, caller, {
      action: 'provider_credential.delete',
      targetType: 'provider_credential',
      targetId: provider,
      before: { provider, stored: true },
    });
    this.registry?.invalidate(projectId);
  }

  private async ownModel(projectId: string, id: string): Promise<ModelCard | undefined> {
    return (await this.store.listModels(projectId)).find(
      (card) => card.id === id && card.source !== 'catalog',
    );
  }

  /** One entry per model added or replaced, with the card it replaced. */
  private async auditModels(projectId: string, caller: AuditCaller, cards: readonly ModelCard[]) {
    for (const card of cards) {
      await this.audit.record(projectId, caller, {
        action: 'model.put',
        targetType: 'model',
        targetId: card.id,
        before: await this.ownModel(projectId, card.id),
        after: card,
      });
    }
  }

  /** Replaces the shared catalog with the snapshot bundled with this Sextant. */
  async refreshFromBundled(): Promise<CatalogChanges & { skipped: string[]; total: number }> {
    const { loadBundledCatalog } = await import('@sextant/providers');
    const cards = await loadBundledCatalog();
    const changes = await this.store.replaceCatalog(cards);
    this.registry?.invalidate();
    return { ...changes, skipped: [], total: cards.length };
  }

  /** Replaces the shared catalog with a newer snapshot (models.dev `api.json` shape). */
  async refreshCatalog(snapshot: unknown): Promise<CatalogChanges & { skipped: string[]; total: number }> {
    const { builtinModelCards, normalizeCatalog } = await import('@sextant/providers');
    const result = normalizeCatalog(snapshot);
    if (!result.success) throw new SextantError('bad_request', result.error);
    if (result.value.cards.length === 0)
      throw new SextantError('bad_request', 'the snapshot has no models; nothing was changed');
    // The built-in models ship with Sextant, not with snapshots: a refresh keeps them.
    const cards = [...result.value.cards, ...builtinModelCards];
    const changes = await this.store.replaceCatalog(cards);
    this.registry?.invalidate();
    return { ...changes, skipped: result.value.skipped, total: cards.length };
  }
}
