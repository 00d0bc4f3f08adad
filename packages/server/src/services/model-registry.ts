import {
  closestNames,
  createPriceIndex,
  type ModelAlias,
  type ModelCard,
  type PriceIndex,
} from '@sextant/core';
import type { Store } from '@sextant/store';
import { seedCatalogIfEmpty } from './model-catalog-seed.js';
import type { CredentialCipher } from './model-credential-cipher.js';

/** A project's models, aliases and credentials as the gateway reads them: Map lookups only. */
export interface ProjectModels {
  revision: number;
  cards: ReadonlyMap<string, ModelCard>;
  aliases: ReadonlyMap<string, ModelAlias>;
  /** Decrypted stored credentials by provider. Kept in memory only; never logged or returned. */
  storedCredentials: ReadonlyMap<string, string>;
  prices: PriceIndex;
}

interface CachedView {
  view: ProjectModels;
  checkedAt: number;
  checking: boolean;
}

/** Providers whose models a bare name (`gpt-4o`) resolves to first, in this order. */
const preferredProviders = ['openai', 'anthropic', 'google', 'mistral', 'xai', 'deepseek'];

/**
 * Reads each project's models from the store once and keeps them in memory, checking the store's models
 * revision at most every `recheckMs` in the background, so changes made elsewhere (the CLI, another
 * server) show up within seconds while a lookup stays a Map read. Seeds the catalog on first use.
 */
export class ModelRegistry {
  private readonly views = new Map<string, CachedView>();
  private readonly loading = new Map<string, Promise<ProjectModels>>();
  private seeding: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly cipher: CredentialCipher,
    private readonly options: { recheckMs?: number; logError?: (error: unknown) => void } = {},
  ) {}

  /** The project's view; fresh on first use, then refreshed in the background. */
  async view(projectId: string): Promise<ProjectModels> {
    const cached = this.views.get(projectId);
    if (!cached) return this.load(projectId);
    if (!cached.checking && Date.now() - cached.checkedAt > (this.options.recheckMs ?? 2000)) {
      cached.checking = true;
      this.recheck(projectId, cached).finally(() => {
        cached.checking = false;
      });
    }
    return cached.view;
  }

  /** Drops the project's view so the next lookup reads the store (after a change made in this process). */
  invalidate(projectId?: string): void {
    if (projectId === undefined) this.views.clear();
    else this.views.delete(projectId);
  }

  /** Seeds the shared catalog from the bundled snapshot when the store has none. */
  ensureCatalog(): Promise<void> {
    this.seeding ??= seedCatalogIfEmpty(this.store).then(() => {});
    this.seeding.catch(() => {
      this.seeding = null;
    });
    return this.seeding;
  }

  private async recheck(projectId: string, cached: CachedView) {
    try {
      const revision = await this.store.modelsRevision(projectId);
      cached.checkedAt = Date.now();
      if (revision !== cached.view.revision) await this.load(projectId);
    } catch (error) {
      this.options.logError?.(error);
    }
  }

  private load(projectId: string): Promise<ProjectModels> {
    let pending = this.loading.get(projectId);
    if (pending) return pending;
    pending = this.read(projectId).finally(() => this.loading.delete(projectId));
    this.loading.set(projectId, pending);
    return pending;
  }

  private async read(projectId: string): Promise<ProjectModels> {
    await this.ensureCatalog();
    const revision = await this.store.modelsRevision(projectId);
    const [cards, aliases, credentials] = await Promise.all([
      this.store.listModels(projectId),
      this.store.listModelAliases(projectId),
      this.store.listProviderCredentials(projectId),
    ]);
    const storedCredentials = new Map<string, string>();
    for (const credential of credentials) {
      try {
        storedCredentials.set(
          credential.provider,
          this.cipher.decrypt(credential.ciphertext, { projectId, provider: credential.provider }),
        );
      } catch (error) {
        this.options.logError?.(error);
      }
    }
    const view: ProjectModels = {
      revision,
      cards: new Map(cards.map((card) => [card.id, card])),
      aliases: new Map(aliases.map((alias) => [alias.name, alias])),
      storedCredentials,
      // Catalog first, the project's own models last, so its prices win.
      prices: createPriceIndex([
        ...cards.filter((card) => card.source === 'catalog'),
        ...cards.filter((card) => card.source !== 'catalog'),
      ]),
    };
    this.views.set(projectId, { view, checkedAt: Date.now(), checking: false });
    return view;
  }
}

/**
 * The card a name refers to: an exact id, else a bare model name when it is unambiguous (the project's
 * own models first, then first-party providers). Null when nothing matches.
 */
export function findModel(view: ProjectModels, name: string): ModelCard | null {
  const exact = view.cards.get(name);
  if (exact) return exact;
  if (name.includes('/')) return null;
  const matches = [...view.cards.values()].filter((card) => card.upstreamId === name);
  const own = matches.filter((card) => card.source !== 'catalog');
  if (own.length > 0) return own[0]!;
  for (const provider of preferredProviders) {
    const match = matches.find((card) => card.provider === provider);
    if (match) return match;
  }
  return matches.length === 1 ? matches[0]! : null;
}

/** Ids and aliases closest to a name nobody knows, for "did you mean" messages. */
export function suggestModels(view: ProjectModels, name: string, limit = 5): string[] {
  return closestNames(name, [...view.aliases.keys(), ...view.cards.keys()], limit);
}
