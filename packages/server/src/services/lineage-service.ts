import { SextantError } from '@sextant/core';
import type { Store } from '@sextant/store';
import { seedCatalogIfEmpty } from './model-catalog-seed.js';

/** A version a trace ran with, and whether the registry knows it (a span may name one never pushed). */
export interface VersionLink {
  name: string;
  version: number | null;
  labels: string[];
  known: boolean;
}

export interface ModelLink {
  id: string;
  provider: string | null;
  known: boolean;
}

/** What a production trace ran: its release(s), prompt versions and models, from its spans. */
export interface TraceLineage {
  traceId: string;
  releases: Array<VersionLink & { releaseId: string }>;
  prompts: VersionLink[];
  models: ModelLink[];
}

/** What approved a release version: experiments that ran it, gate runs that checked it, label promotions. */
export interface ReleaseLineage {
  release: { name: string; version: number; labels: string[] };
  experiments: Array<{
    id: string;
    name: string;
    status: string;
    datasetName: string;
    datasetVersion: number | null;
    createdAt: Date;
  }>;
  gateRuns: Array<{
    id: string;
    suite: string;
    status: string;
    experimentId: string | null;
    createdAt: Date;
  }>;
  promotions: Array<{
    label: string;
    fromVersion: number | null;
    toVersion: number | null;
    kind: string;
    gateRunIds: string[];
    actor: string;
    createdAt: Date;
  }>;
}

/** `name@version` (how releases are referenced in spans); null when the id has another shape. */
function parseReleaseId(releaseId: string): { name: string; version: number } | null {
  const match = /^(.+)@(\d+)$/.exec(releaseId);
  return match ? { name: match[1]!, version: Number(match[2]) } : null;
}

/** Lineage both ways: from a trace to what it ran, and from a release version to what approved it. */
export class LineageService {
  constructor(private readonly store: Store) {}

  async trace(projectId: string, traceId: string): Promise<TraceLineage> {
    const detail = await this.store.getTrace(projectId, traceId);
    if (!detail) throw new SextantError('not_found', `trace '${traceId}' not found in this project`);
    const releaseIds = new Set<string>();
    const prompts = new Map<string, { name: string; version: number | null }>();
    const models = new Map<string, string | null>();
    for (const span of detail.spans) {
      if (span.releaseId) releaseIds.add(span.releaseId);
      if (span.promptName) {
        const version =
          span.promptVersion && /^\d+$/.test(span.promptVersion) ? Number(span.promptVersion) : null;
        prompts.set(`${span.promptName}@${version}`, { name: span.promptName, version });
      }
      if (span.model) models.set(span.model, span.provider ?? models.get(span.model) ?? null);
    }
    if (models.size > 0) await seedCatalogIfEmpty(this.store);
    const catalog =
      models.size > 0
        ? new Set((await this.store.listModels(projectId)).map((card) => card.id))
        : new Set<string>();
    const releases = [];
    for (const releaseId of releaseIds) {
      const parsed = parseReleaseId(releaseId);
      const link = parsed
        ? await this.versionLink(this.store.releases, projectId, parsed.name, parsed.version)
        : { name: releaseId, version: null, labels: [], known: false };
      releases.push({ releaseId, ...link });
    }
    return {
      traceId: detail.trace.traceId,
      releases,
      prompts: await Promise.all(
        [...prompts.values()].map((prompt) =>
          this.versionLink(this.store.prompts, projectId, prompt.name, prompt.version),
        ),
      ),
      models: [...models].map(([id, provider]) => ({
        id,
        provider,
        // Spans name models as the provider calls them; the catalog keys them as provider/model.
        known: catalog.has(id) || (provider !== null && catalog.has(`${provider}/${id}`)),
      })),
    };
  }

  async release(projectId: string, name: string, version: number): Promise<ReleaseLineage> {
    const entry = await this.store.releases.get(projectId, name);
    const record = entry ? await this.store.releases.getVersion(projectId, name, version) : null;
    if (!entry || !record) {
      throw new SextantError(
        'not_found',
        entry
          ? `release '${name}' has no version ${version}; its versions are 1 to ${entry.latest.version}`
          : `release '${name}' not found in this project`,
      );
    }
    const [experiments, gateRuns, promotions] = await Promise.all([
      this.store.experiments.list(projectId, { limit: 1000 }),
      this.store.gates.listRuns(projectId, { releaseName: name, releaseVersion: version, limit: 200 }),
      this.store.gates.listPromotions(projectId, { releaseName: name, limit: 200 }),
    ]);
    return {
      release: { name, version, labels: labelsOf(entry.labels, version) },
      experiments: experiments
        .filter((experiment) => experiment.release?.name === name && experiment.release.version === version)
        .map((experiment) => ({
          id: experiment.id,
          name: experiment.name,
          status: experiment.status,
          datasetName: experiment.datasetName,
          datasetVersion: experiment.datasetVersion ?? null,
          createdAt: experiment.createdAt,
        })),
      gateRuns: gateRuns.map((run) => ({
        id: run.id,
        suite: run.suite,
        status: run.status,
        experimentId: run.experimentId,
        createdAt: run.createdAt,
      })),
      promotions: promotions
        .filter((promotion) => promotion.toVersion === version || promotion.fromVersion === version)
        .map(({ id: _id, releaseName: _name, reason: _reason, ...promotion }) => promotion),
    };
  }

  private async versionLink(
    registry: Store['prompts'] | Store['releases'],
    projectId: string,
    name: string,
    version: number | null,
  ): Promise<VersionLink> {
    const entry = await registry.get(projectId, name);
    const known = entry !== null && version !== null && version >= 1 && version <= entry.latest.version;
    return { name, version, labels: entry && version !== null ? labelsOf(entry.labels, version) : [], known };
  }
}

const labelsOf = (labels: Record<string, number>, version: number) =>
  Object.entries(labels)
    .filter(([, target]) => target === version)
    .map(([label]) => label);
