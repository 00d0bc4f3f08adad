import type { ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DropOldestSpanProcessor,
  type DropOldestSpanProcessorOptions,
} from './drop-oldest-span-processor.js';

const providers: BasicTracerProvider[] = [];

function setUp(exporter: SpanExporter, options: DropOldestSpanProcessorOptions) {
  const processor = new DropOldestSpanProcessor(exporter, options);
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  providers.push(provider);
  const tracer = provider.getTracer('test');
  const endSpans = (count: number, from = 0) => {
    for (let index = from; index < from + count; index++) tracer.startSpan(`span-${index}`).end();
  };
  return { processor, endSpans };
}

afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.shutdown()));
});

/** An exporter that answers as told: never, with a failure, or by throwing. */
class ScriptedExporter implements SpanExporter {
  calls = 0;
  constructor(private readonly behaviour: 'never-answers' | 'fails' | 'throws') {}
  export(_spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.calls++;
    if (this.behaviour === 'throws') throw new Error('exporter bug');
    if (this.behaviour === 'fails') resultCallback({ code: 1, error: new Error('HTTP 503') });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const nextMacrotask = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('DropOldestSpanProcessor', () => {
  it('drops the oldest spans when the queue is full and exports the newest', async () => {
    const exporter = new InMemorySpanExporter();
    const { processor, endSpans } = setUp(exporter, {
      maxQueueSize: 5,
      maxExportBatchSize: 5,
      scheduledDelayMs: 60_000,
    });

    endSpans(12);

    expect(processor.stats()).toEqual({
      exported: 0,
      dropped: 7,
      failedExports: 0,
      failedSpans: 0,
      queued: 5,
    });
    expect(exporter.getFinishedSpans()).toHaveLength(0); // span.end() never exports inline
    await processor.forceFlush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'span-7',
      'span-8',
      'span-9',
      'span-10',
      'span-11',
    ]);
    expect(processor.stats()).toMatchObject({ exported: 5, dropped: 7, queued: 0 });
  });

  it('sends a full batch in the background without waiting for the scheduled delay', async () => {
    const exporter = new InMemorySpanExporter();
    const { processor, endSpans } = setUp(exporter, {
      maxQueueSize: 100,
      maxExportBatchSize: 10,
      scheduledDelayMs: 60_000,
    });

    endSpans(25);

    // Two full batches go out one after the other; the partial third waits for its delay.
    await vi.waitFor(() => expect(exporter.getFinishedSpans()).toHaveLength(20), { timeout: 2000 });
    await nextMacrotask();
    expect(processor.stats()).toMatchObject({ exported: 20, queued: 5 });
  });

  it('gives up on an export that never answers after exportTimeoutMs', async () => {
    const errors: Error[] = [];
    const { processor, endSpans } = setUp(new ScriptedExporter('never-answers'), {
      maxExportBatchSize: 10,
      scheduledDelayMs: 60_000,
      exportTimeoutMs: 50,
      onExportError: (error) => errors.push(error),
    });
    endSpans(3);

    const started = performance.now();
    await processor.forceFlush();

    expect(performance.now() - started).toBeLessThan(500);
    expect(processor.stats()).toMatchObject({ exported: 0, failedExports: 1, failedSpans: 3, queued: 0 });
    expect(errors.map((error) => error.message)).toEqual(['span export timed out after 50 ms']);
  });

  it('counts an exporter that throws and keeps the host unaffected', async () => {
    const { processor, endSpans } = setUp(new ScriptedExporter('throws'), { scheduledDelayMs: 60_000 });
    expect(() => endSpans(2)).not.toThrow();
    await expect(processor.forceFlush()).resolves.toBeUndefined();
    expect(processor.stats()).toMatchObject({ failedExports: 1, failedSpans: 2 });
  });

  it('backs off after a failed export instead of sending the next full batch at once', async () => {
    const exporter = new ScriptedExporter('fails');
    const { processor, endSpans } = setUp(exporter, {
      maxQueueSize: 100,
      maxExportBatchSize: 5,
      scheduledDelayMs: 60_000,
    });

    endSpans(20);
    await vi.waitFor(() => expect(exporter.calls).toBe(1), { timeout: 2000 });
    await nextMacrotask();

    expect(exporter.calls).toBe(1);
    expect(processor.stats()).toMatchObject({ failedExports: 1, failedSpans: 5, queued: 15 });
  });

  it('stops a flush at the first failed batch, so an outage costs one timeout', async () => {
    const exporter = new ScriptedExporter('fails');
    const { processor, endSpans } = setUp(exporter, {
      maxQueueSize: 100,
      maxExportBatchSize: 5,
      scheduledDelayMs: 60_000,
    });
    endSpans(20);
    await processor.forceFlush();
    expect(exporter.calls).toBe(1);
    expect(processor.stats().queued).toBe(15);
  });

  it('ignores spans that end after shutdown', async () => {
    const exporter = new InMemorySpanExporter();
    const { processor, endSpans } = setUp(exporter, { scheduledDelayMs: 60_000 });
    endSpans(1);
    await processor.shutdown();
    processor.onEnd(exporter.getFinishedSpans()[0]!);
    expect(processor.stats()).toMatchObject({ exported: 1, queued: 0 });
  });
});
