import { createPriceIndex, type ModelPricing, type PriceIndex } from '@sextant/core';
import type { Store } from '@sextant/store';
import { seedCatalogIfEmpty } from './model-catalog-seed.js';

interface ProjectPrices {
  index: PriceIndex;
  revision: number;
  checkedAt: number;
}

/**
 * Model prices for costing spans at ingestion: a PriceIndex per project built once from the store and
 * rebuilt only when the store's models revision changes (checked at most every `recheckMs`). Lookups are
 * synchronous Map reads; `prepare` is the only await and is cheap after the first call.
 */
export class ModelPriceBook {
  private readonly projects = new Map<string, ProjectPrices>();
  private readonly pending = new Map<string, Promise<void>>();
  private seeded: Promise<boolean> | null = null;

  constructor(
    private readonly store: Store,
    private readonly recheckMs = 5000,
  ) {}

  /** Makes `lookup` ready for the project: loads it the first time, then revalidates in the background. */
  async prepare(projectId: string): Promise<void> {
    const current = this.projects.get(projectId);
    if (current && Date.now() - current.checkedAt < this.recheckMs) return;
    let running = this.pending.get(projectId);
    if (!running) {
      running = this.refresh(projectId, current).finally(() => this.pending.delete(projectId));
      this.pending.set(projectId, running);
    }
    if (!current) await running;
  }

  lookup(projectId: string, provider: string | null, model: string): ModelPricing | null {
    return this.projects.get(projectId)?.index.lookup(provider, model) ?? null;
  }

  private async refresh(projectId: string, current: ProjectPrices | undefined) {
    this.seeded ??= seedCatalogIfEmpty(this.store).catch(() => false);
    await this.seeded;
    const revision = await this.store.modelsRevision(projectId);
    if (current && current.revision === revision) {
      current.checkedAt = Date.now();
      return;
    }
    const cards = await this.store.listModels(projectId);
    const index = createPriceIndex([
      ...cards.filter((card) => card.source === 'catalog'),
      ...cards.filter((card) => card.source !== 'catalog'),
    ]);
    this.projects.set(projectId, { index, revision, checkedAt: Date.now() });
  }
}
