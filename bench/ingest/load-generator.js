// The load generator: its own process, closed-loop clients posting OTLP/JSON batches over keep-alive HTTP.
// Prints one JSON line with what was acknowledged; with --ack-log it appends each acknowledged batch number.
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createBatchRenderer } from './otlp-batch.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    'duration-ms': { type: 'string', default: '15000' },
    concurrency: { type: 'string', default: '4' },
    'run-id': { type: 'string', default: 'be0c0001' },
    'ack-log': { type: 'string' },
    'warmup-ms': { type: 'string', default: '2000' },
  },
});

const target = new URL('/v1/traces', values.url);
const durationMs = Number(values['duration-ms']);
const warmupMs = Number(values['warmup-ms']);
const concurrency = Number(values.concurrency);
const renderer = createBatchRenderer({ runId: values['run-id'] });
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const ackLog = values['ack-log'] ? fs.openSync(values['ack-log'], 'a') : null;

let nextBatch = 0;
let batchesSent = 0;
let acknowledged = 0;
let failed = 0;
const latencies = [];
const started = performance.now();
const measureFrom = started + warmupMs;
const stopAt = measureFrom + durationMs;
let measuredBatches = 0;

function post(body) {
  return new Promise((resolve) => {
    const request = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: `Bearer ${values.key}`,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    request.end(body);
  });
}

async function client() {
  let batch = nextBatch++;
  let body = Buffer.from(renderer.render(batch));
  while (performance.now() < stopAt) {
    const sentAt = performance.now();
    const answered = post(body);
    batchesSent++;
    // The next batch is rendered while this one is in flight, so the client sends again as soon as
    // it is acknowledged: the loop measures the server, not this process's string work.
    const nextNumber = nextBatch++;
    const nextBody = Buffer.from(renderer.render(nextNumber));
    const status = await answered;
    const doneAt = performance.now();
    if (status >= 200 && status < 300) {
      acknowledged++;
      if (ackLog !== null) fs.writeSync(ackLog, `${batch}\n`);
      if (sentAt >= measureFrom) {
        measuredBatches++;
        latencies.push(doneAt - sentAt);
      }
    } else {
      failed++;
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, 20)); // server gone: do not spin
    }
    batch = nextNumber;
    body = nextBody;
  }
}

await Promise.all(Array.from({ length: concurrency }, client));
const cpuSeconds = ({ user, system }) => (user + system) / 1e6; // the whole run, warm-up included
agent.destroy();
latencies.sort((a, b) => a - b);
const quantile = (q) =>
  latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null;
process.stdout.write(
  `${JSON.stringify({
    concurrency,
    spansPerBatch: renderer.spansPerBatch,
    batchBytes: renderer.bytes,
    batchesSent,
    batchesAcknowledged: acknowledged,
    batchesFailed: failed,
    measuredSeconds: durationMs / 1000,
    spansPerSecond: (measuredBatches * renderer.spansPerBatch) / (durationMs / 1000),
    ackLatencyMs: { p50: quantile(0.5), p99: quantile(0.99), max: latencies.at(-1) ?? null },
    cpuSeconds: cpuSeconds(process.cpuUsage()),
  })}\n`,
);
