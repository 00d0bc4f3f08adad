import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { JobRecord, Store } from '@sextant/store';
import type { ScheduleEntry } from './schedules.js';

/** What a handler gets beside its job: the store, and a signal that fires when the runner stops. */
export interface JobContext {
  store: Store;
  signal: AbortSignal;
  workerId: string;
}

/**
 * Runs one job. May run more than once for the same job (after a crash or a lost lease), so its
 * writes must be idempotent. Throwing schedules a retry with backoff until attempts run out.
 */
export type JobHandler = (job: JobRecord, context: JobContext) => Promise<void>;

export interface JobRunnerOptions {
  store: Store;
  /** Time between polls while started. Default 1000 ms. */
  pollMs?: number;
  /** Jobs run at once by this process. Default 2. */
  concurrency?: number;
  /** Lease per claim, renewed while the handler runs. Default 60 s. */
  leaseMs?: number;
  /** First retry delay, doubling per attempt up to `maxRetryDelayMs`. Default 5 s. */
  retryBaseDelayMs?: number;
  /** Default 10 min. */
  maxRetryDelayMs?: number;
  /** Recurring work, enqueued per project once per period. */
  schedules?: readonly ScheduleEntry[];
  logError?: (error: unknown) => void;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Claims jobs of the kinds it has handlers for and runs them with bounded concurrency; enqueues the
 * scheduled jobs of each period. Several processes on one store share the work safely.
 * @example const runner = new JobRunner({ store }); runner.register('demo', async (job) => {}); runner.start();
 */
export class JobRunner {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly scheduledPeriods = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Registers the handler of a kind; one handler per kind. */
  register(kind: string, handler: JobHandler): this {
    if (this.handlers.has(kind)) throw new Error(`job kind '${kind}' already has a handler`);
    this.handlers.set(kind, handler);
    return this;
  }

  get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** Polls every `pollMs` until `stop`. */
  start(): void {
    if (this.timer || this.stopped) return;
    const loop = () => {
      this.polling = this.poll()
        .catch((error) => this.logError(error))
        .finally(() => {
          this.polling = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? 1000);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  /**
   * One deterministic round for tests and tools: enqueues due schedules, then claims and runs jobs
   * until none is due. Returns how many jobs ran.
   */
  async tick(): Promise<number> {
    await this.enqueueSchedules();
    let ran = 0;
    for (;;) {
      const jobs = await this.claim(this.concurrency);
      if (jobs.length === 0) return ran;
      await Promise.all(jobs.map((job) => this.run(job)));
      ran += jobs.length;
    }
  }

  /** Stops polling, signals handlers to stop, and waits for the jobs in flight to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }

  private get concurrency() {
    return this.options.concurrency ?? 2;
  }

  private logError(error: unknown) {
    (this.options.logError ?? ((value: unknown) => console.error(value)))(error);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private async poll() {
    await this.enqueueSchedules();
    const free = this.concurrency - this.running.size;
    if (free <= 0 || this.stopped) return;
    for (const job of await this.claim(free)) {
      const done: Promise<void> = this.run(job).finally(() => this.running.delete(done));
      this.running.add(done);
    }
  }

  private claim(limit: number) {
    if (this.handlers.size === 0) return Promise.resolve([]);
    return this.options.store.jobs.claim({
      workerId: this.workerId,
      kinds: this.kinds,
      leaseMs: this.options.leaseMs ?? 60_000,
      limit,
      now: this.now(),
    });
  }

  private async run(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    const { store } = this.options;
    const leaseMs = this.options.leaseMs ?? 60_000;
    // Renew the lease while the handler works, so a long job is not taken over by another worker.
    const renew = setInterval(() => {
      store.jobs.extendLease(job.id, this.workerId, leaseMs).catch((error) => this.logError(error));
    }, leaseMs / 3);
    try {
      await handler(job, { store, signal: this.abort.signal, workerId: this.workerId });
      await store.jobs.complete(job.id, this.workerId);
    } catch (error) {
      await this.recordFailure(job, error).catch((storeError) => this.logError(storeError));
    } finally {
      clearInterval(renew);
    }
  }

  /** Schedules a retry, or reports the job dead; never throws into the poll loop (the store may be closing). */
  private async recordFailure(job: JobRecord, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await this.options.store.jobs.fail(
      job.id,
      this.workerId,
      message,
      this.retryAt(job.attempts),
    );
    if (failed?.status === 'dead') {
      this.logError(
        new Error(`job ${job.kind} ${job.id} gave up after ${job.attempts} attempts: ${message}`),
      );
    }
  }

  private retryAt(attempts: number): Date {
    const base = this.options.retryBaseDelayMs ?? 5000;
    const delay = Math.min(base * 2 ** Math.max(0, attempts - 1), this.options.maxRetryDelayMs ?? 600_000);
    return new Date(this.now().getTime() + delay);
  }

  private async enqueueSchedules() {
    const now = this.now().getTime();
    for (const schedule of this.options.schedules ?? []) {
      if (!this.handlers.has(schedule.kind)) continue;
      const periodStart = Math.floor(now / schedule.everyMs) * schedule.everyMs;
      if (this.scheduledPeriods.get(schedule.kind) === periodStart) continue;
      for (const project of await this.options.store.listProjects()) {
        if (schedule.appliesTo && !(await schedule.appliesTo(this.options.store, project.id))) continue;
        await this.options.store.jobs.enqueueForPeriod({
          projectId: project.id,
          kind: schedule.kind,
          payload: { periodStart },
          dedupeKey: schedule.kind,
          periodStart: new Date(periodStart),
          runAt: new Date(periodStart),
        });
      }
      this.scheduledPeriods.set(schedule.kind, periodStart);
    }
  }
}
