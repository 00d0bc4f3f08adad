import { context, TraceFlags } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface DropOldestSpanProcessorOptions {
  /** Most spans held while waiting for export; beyond it the oldest are dropped. Default 2048. */
  maxQueueSize?: number;
  /** Most spans per export request. Default 512. */
  maxExportBatchSize?: number;
  /** How long a partial batch waits before it is sent. Default 1000 ms. */
  scheduledDelayMs?: number;
  /** How long one export may take before it is given up on. Default 5000 ms. */
  exportTimeoutMs?: number;
  /** Called (never awaited, errors ignored) when an export fails or times out. */
  onExportError?: (error: Error) => void;
}

/** Counters since the processor started. */
export interface ExportStats {
  /** Spans the server accepted. */
  exported: number;
  /** Spans dropped, oldest first, because the queue was full. */
  dropped: number;
  /** Export requests that failed, were refused or timed out. */
  failedExports: number;
  /** Spans lost in those failed requests. */
  failedSpans: number;
  /** Spans waiting for export now; never more than `maxQueueSize`. */
  queued: number;
}

/**
 * Batches ended spans and exports them in the background, one request at a time.
 *
 * Why not OpenTelemetry's BatchSpanProcessor: when its queue is full it drops the NEWEST spans, so
 * during an outage the spans that survive are the stale ones from its start, and the traces of the
 * moment the server comes back are the ones lost. Here the OLDEST spans are dropped instead. It
 * also never exports inside `span.end()` (serialising a batch there would stall the host app),
 * counts what it drops, and swallows exporter errors instead of reporting them to OTel's global
 * error handler.
 *
 * After a failed export the next waits `scheduledDelayMs`, so an outage costs one request per
 * delay rather than a tight loop. A failed batch is not retried beyond the exporter's own retries within `exportTimeoutMs`: keeping
 * it would let an outage grow memory, and the queue already holds the newer spans.
 */
export class DropOldestSpanProcessor implements SpanProcessor {
  readonly #exporter: SpanExporter;
  readonly #maxQueueSize: number;
  readonly #maxExportBatchSize: number;
  readonly #scheduledDelayMs: number;
  readonly #exportTimeoutMs: number;
  readonly #onExportError: ((error: Error) => void) | undefined;
  #queue: ReadableSpan[] = [];
  #timer: NodeJS.Timeout | undefined;
  #timerIsImmediate = false;
  /** After a failed export the next one waits `scheduledDelayMs` even for a full batch. */
  #backingOff = false;
  #inFlight: Promise<boolean> | undefined;
  #shutdown: Promise<void> | undefined;
  readonly #stats = { exported: 0, dropped: 0, failedExports: 0, failedSpans: 0 };

  constructor(exporter: SpanExporter, options: DropOldestSpanProcessorOptions = {}) {
    this.#exporter = exporter;
    this.#maxQueueSize = Math.max(1, options.maxQueueSize ?? 2048);
    this.#maxExportBatchSize = Math.min(Math.max(1, options.maxExportBatchSize ?? 512), this.#maxQueueSize);
    this.#scheduledDelayMs = options.scheduledDelayMs ?? 1000;
    this.#exportTimeoutMs = options.exportTimeoutMs ?? 5000;
    this.#onExportError = options.onExportError;
  }

  stats(): ExportStats {
    return { ...this.#stats, queued: this.#queue.length };
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.#shutdown || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    this.#queue.push(span);
    if (this.#queue.length > this.#maxQueueSize) {
      this.#queue.shift();
      this.#stats.dropped++;
    }
    this.#schedule();
  }

  /**
   * Exports what is queued now. Stops at the first failed batch, so it takes about
   * `exportTimeoutMs` at most when the server is down. Never rejects.
   */
  async forceFlush(): Promise<void> {
    this.#clearTimer();
    let batches = Math.ceil(this.#queue.length / this.#maxExportBatchSize) + 1;
    while (batches-- > 0) {
      if (this.#inFlight) {
        if (!(await this.#inFlight)) return;
        continue;
      }
      if (this.#queue.length === 0 || !(await this.#exportBatch())) return;
    }
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.forceFlush().then(() =>
      withTimeout(
        this.#exporter.shutdown().catch(() => undefined),
        this.#exportTimeoutMs,
      ),
    );
    return this.#shutdown;
  }

  #schedule(): void {
    if (this.#inFlight || this.#timerIsImmediate) return;
    const immediate = this.#queue.length >= this.#maxExportBatchSize && !this.#backingOff;
    if (this.#timer && !immediate) return;
    this.#clearTimer();
    this.#timerIsImmediate = immediate;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerIsImmediate = false;
        if (!this.#inFlight) void this.#exportBatch();
      },
      immediate ? 0 : this.#scheduledDelayMs,
    );
    this.#timer.unref();
  }

  #clearTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerIsImmediate = false;
  }

  /** Exports the oldest batch; resolves to whether the server took it. Never rejects. */
  #exportBatch(): Promise<boolean> {
    if (this.#queue.length === 0) return Promise.resolve(true);
    const batch = this.#queue.splice(0, this.#maxExportBatchSize);
    const exported = new Promise<boolean>((resolve) => {
      let settled = false;
      const finish = (ok: boolean, error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#backingOff = !ok;
        if (ok) this.#stats.exported += batch.length;
        else this.#recordFailure(batch.length, error);
        resolve(ok);
      };
      const timer = setTimeout(
        () => finish(false, new Error(`span export timed out after ${this.#exportTimeoutMs} ms`)),
        this.#exportTimeoutMs,
      );
      timer.unref();
      try {
        // Suppressed so that instrumented HTTP clients do not trace the export request itself.
        context.with(suppressTracing(context.active()), () =>
          this.#exporter.export(batch, (result) =>
            finish(result.code === ExportResultCode.SUCCESS, result.error),
          ),
        );
      } catch (error) {
        finish(false, error);
      }
    });
    this.#inFlight = exported;
    void exported.then(() => {
      this.#inFlight = undefined;
      if (this.#queue.length > 0 && !this.#shutdown) this.#schedule();
    });
    return exported;
  }

  #recordFailure(spans: number, error: unknown): void {
    this.#stats.failedExports++;
    this.#stats.failedSpans += spans;
    try {
      this.#onExportError?.(
        error instanceof Error ? error : new Error(`span export failed: ${String(error)}`),
      );
    } catch {
      // A throwing callback must not break exporting.
    }
  }
}

/** Waits for `promise`, but no longer than `ms`; never rejects. */
export function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
