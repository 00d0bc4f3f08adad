import { SextantError } from '@sextant/core';
import { type BakeoffMetadata, bakeoffMetadataSchema, paretoFront } from '@sextant/core/bakeoff';
import type { ExperimentService } from './experiment-service.js';

/** One model's showing in a bake-off. */
export interface BakeoffContender {
  model: string;
  experimentId: string;
  status: string;
  runs: number;
  errors: number;
  items: number;
  /** Mean of the quality metric with its 95% interval (bootstrap over items, repeats clustered). */
  quality: { estimate: number; lower: number; upper: number } | null;
  passRate: { estimate: number; lower: number; upper: number } | null;
  /** Dollars per item run; 0 for local models, null when the model has no price. */
  costPerRun: number | null;
  totalCost: number | null;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  /** On the quality-versus-cost Pareto front: no other model is both better and cheaper. */
  onFront: boolean;
}

export interface BakeoffReport {
  id: string;
  datasetName: string;
  datasetVersion: number;
  repeats: number;
  qualityMetric: string;
  prompt: string | null;
  createdAt: Date;
  contenders: BakeoffContender[];
}

export interface BakeoffListEntry {
  id: string;
  datasetName: string;
  datasetVersion: number;
  models: string[];
  qualityMetric: string;
  createdAt: Date;
}

/**
 * Bake-offs, read from their experiments: `sextant models bakeoff` runs one experiment per model and tags
 * each with `metadata.bakeoff`, so results, intervals and traces are the experiments' own.
 */
export class BakeoffService {
  constructor(private readonly experiments: ExperimentService) {}

  async list(projectId: string): Promise<BakeoffListEntry[]> {
    const byId = new Map<string, BakeoffListEntry>();
    for (const { experiment, bakeoff } of await this.tagged(projectId)) {
      const entry = byId.get(bakeoff.id);
      if (entry) {
        if (experiment.createdAt < entry.createdAt) entry.createdAt = experiment.createdAt;
        continue;
      }
      byId.set(bakeoff.id, {
        id: bakeoff.id,
        datasetName: experiment.datasetName,
        datasetVersion: experiment.datasetVersion,
        models: bakeoff.models,
        qualityMetric: bakeoff.qualityMetric,
        createdAt: experiment.createdAt,
      });
    }
    return [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async get(projectId: string, id: string): Promise<BakeoffReport> {
    const members = (await this.tagged(projectId)).filter(({ bakeoff }) => bakeoff.id === id);
    const first = members[0];
    if (!first) {
      throw new SextantError(
        'not_found',
        `bake-off '${id}' not found in this project; list them with GET /api/bakeoffs or run \`sextant models bakeoff\``,
      );
    }
    const metric = first.bakeoff.qualityMetric;
    const contenders = await Promise.all(
      members.map(async ({ experiment }): Promise<Omit<BakeoffContender, 'onFront'>> => {
        const { summary } = await this.experiments.summary(projectId, experiment.id);
        const quality = summary.metrics.find((entry) => entry.name === metric);
        return {
          model: experiment.model ?? experiment.id,
          experimentId: experiment.id,
          status: experiment.status,
          runs: summary.runs,
          errors: summary.errors,
          items: summary.items,
          quality: quality ? pick(quality.mean) : null,
          passRate: quality?.passRate ? pick(quality.passRate) : null,
          costPerRun: summary.cost === null || summary.runs === 0 ? null : summary.cost / summary.runs,
          totalCost: summary.cost,
          latencyMs: summary.latencyMs,
        };
      }),
    );
    const front = paretoFront(
      contenders.map((contender) => ({
        id: contender.experimentId,
        quality: contender.quality?.estimate ?? Number.NaN,
        cost: contender.costPerRun,
      })),
    );
    const order = first.bakeoff.models;
    return {
      id,
      datasetName: first.experiment.datasetName,
      datasetVersion: first.experiment.datasetVersion,
      repeats: first.experiment.repeats,
      qualityMetric: metric,
      prompt: first.bakeoff.prompt ?? null,
      createdAt: first.experiment.createdAt,
      contenders: contenders
        .map((contender) => ({ ...contender, onFront: front.has(contender.experimentId) }))
        .sort((a, b) => order.indexOf(a.model) - order.indexOf(b.model)),
    };
  }

  private async tagged(projectId: string) {
    const experiments = await this.experiments.list(projectId, { limit: 1000 });
    return experiments.flatMap((experiment) => {
      const parsed = bakeoffMetadataSchema.safeParse(experiment.metadata.bakeoff);
      return parsed.success ? [{ experiment, bakeoff: parsed.data as BakeoffMetadata }] : [];
    });
  }
}

const pick = ({ estimate, lower, upper }: { estimate: number; lower: number; upper: number }) => ({
  estimate,
  lower,
  upper,
});
