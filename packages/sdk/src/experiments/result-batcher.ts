import type { ExperimentRunInput, ScorePostInput } from '@sextant/core';
import type { ExperimentClient } from './experiment-client.js';

/**
 * Collects finished runs and their scores and posts them in batches, one request in flight at a time
 * (so the server sees them in order and a slow server slows the runner instead of piling up requests).
 * A batch is posted when it is full or half a second after its first run, so a crash loses little.
 */
export class ResultBatcher {
  private runs: ExperimentRunInput[] = [];
  private scores: ScorePostInput[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** The first failed post; the runner stops when it is set. */
  failure: unknown;

  constructor(
    private readonly client: ExperimentClient,
    private readonly experimentId: string,
    private readonly batchSize: number,
  ) {}

  add(run: ExperimentRunInput, scores: readonly ScorePostInput[]): void {
    this.runs.push(run);
    this.scores.push(...scores);
    if (this.runs.length >= this.batchSize) this.post();
    else this.timer ??= setTimeout(() => this.post(), 500);
  }

  /** Posts what is left and waits for every post; rethrows the first failure. */
  async close(): Promise<void> {
    this.post();
    await this.inFlight;
    if (this.failure) throw this.failure;
  }

  /** Drops what was not posted yet, as a crash would, and waits for the post already in flight. */
  async abandon(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.runs = [];
    this.scores = [];
    await this.inFlight;
  }

  private post(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.runs.length === 0) return;
    const runs = this.runs;
    const scores = this.scores;
    this.runs = [];
    this.scores = [];
    this.inFlight = this.inFlight.then(async () => {
      if (this.failure) return;
      try {
        await this.client.recordResults(this.experimentId, runs, scores);
      } catch (error) {
        this.failure = error;
      }
    });
  }
}
