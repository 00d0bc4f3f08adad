import { randomUUID } from 'node:crypto';
import { SextantError } from '@sextant/core';
import { type DriftMonitor, type DriftMonitorInput, driftMonitorInputSchema } from '@sextant/core/drift';
import type { Embedder } from '@sextant/providers/embeddings';
import type { Store } from '@sextant/store';
import type { DriftCheckReport } from './drift-check-report.js';
import { runDriftCheck } from './run-drift-check.js';

export interface DriftServiceOptions {
  /** The encoder for embedding tests; the offline one by default. Null turns embedding tests off. */
  embedder?: (() => Promise<Embedder>) | null;
  now?: () => Date;
}

/** Drift monitors and their reports: create monitors, run checks now or on schedule, read reports. */
export class DriftService {
  private readonly embedder: (() => Promise<Embedder>) | null;
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    options: DriftServiceOptions = {},
  ) {
    this.embedder = options.embedder === undefined ? loadOfflineEmbedder : options.embedder;
    this.now = options.now ?? (() => new Date());
  }

  async createMonitor(projectId: string, input: DriftMonitorInput): Promise<DriftMonitor> {
    const parsed = driftMonitorInputSchema.parse(input);
    if (
      parsed.reference.type === 'dataset' &&
      !(await this.store.datasets.get(projectId, parsed.reference.name))
    ) {
      const names = (await this.store.datasets.list(projectId)).map((dataset) => dataset.name);
      throw new SextantError(
        'bad_request',
        `reference dataset '${parsed.reference.name}' not found; datasets: ${names.length ? names.join(', ') : '(none)'}`,
      );
    }
    const now = this.now();
    const monitor: DriftMonitor = {
      ...parsed,
      id: `dm_${randomUUID().slice(0, 12)}`,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.drift.putMonitor(projectId, monitor);
    return monitor;
  }

  listMonitors(projectId: string): Promise<DriftMonitor[]> {
    return this.store.drift.listMonitors(projectId);
  }

  async getMonitor(projectId: string, monitorId: string): Promise<DriftMonitor> {
    const monitor = await this.store.drift.getMonitor(projectId, monitorId);
    if (monitor) return monitor;
    const ids = (await this.store.drift.listMonitors(projectId)).map(
      (entry) => `${entry.id} (${entry.name})`,
    );
    throw new SextantError(
      'not_found',
      `drift monitor '${monitorId}' not found; monitors: ${ids.length ? ids.join(', ') : '(none: create one with POST /api/drift/monitors)'}`,
    );
  }

  async deleteMonitor(projectId: string, monitorId: string): Promise<void> {
    if (!(await this.store.drift.deleteMonitor(projectId, monitorId)))
      await this.getMonitor(projectId, monitorId);
  }

  /**
   * Runs a check now and stores its report. `reportId` makes re-runs idempotent (a scheduled job
   * that runs again after a crash rewrites the same report); `now` ends the current window.
   */
  async runCheck(
    projectId: string,
    monitorId: string,
    options: { reportId?: string; now?: Date; signal?: AbortSignal } = {},
  ): Promise<DriftCheckReport> {
    const monitor = await this.getMonitor(projectId, monitorId);
    const now = options.now ?? this.now();
    const report = await runDriftCheck({
      store: this.store,
      projectId,
      monitor,
      embedder: this.embedder,
      reportId: options.reportId ?? `dr_${randomUUID().slice(0, 12)}`,
      now,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await this.store.drift.putReport(projectId, {
      id: report.id,
      monitorId,
      createdAt: now,
      windowStart: new Date(report.current.start ?? now),
      windowEnd: now,
      drifted: report.drifted,
      body: report,
    });
    return report;
  }

  async listReports(
    projectId: string,
    query: { monitorId?: string; limit?: number },
  ): Promise<DriftCheckReport[]> {
    if (query.monitorId) await this.getMonitor(projectId, query.monitorId);
    const records = await this.store.drift.listReports(projectId, query);
    return records.map((record) => record.body as DriftCheckReport);
  }

  async getReport(projectId: string, reportId: string): Promise<DriftCheckReport> {
    const record = await this.store.drift.getReport(projectId, reportId);
    if (!record) {
      throw new SextantError(
        'not_found',
        `drift report '${reportId}' not found; list reports with GET /api/drift/reports?monitorId=...`,
      );
    }
    return record.body as DriftCheckReport;
  }
}

async function loadOfflineEmbedder(): Promise<Embedder> {
  const { createOfflineEmbedder } = await import('@sextant/providers/embeddings');
  return createOfflineEmbedder();
}
