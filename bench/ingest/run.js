// bench/ingest: a live `sextant serve` on loopback, a load generator in another process, and the figures:
// sustained spans/s durably stored, acknowledgement latency p50/p99, and the server's peak RSS.
// Usage: node bench/ingest/run.js [--duration-ms 15000] [--concurrency 4] [--cpu-prof-dir DIR]
// With --cpu-prof-dir the server writes V8 CPU profiles (main thread and ingest workers) there on exit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { cpuSeconds, peakRssBytes, spawnServer } from './server-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '15000' },
    concurrency: { type: 'string', default: '4' },
    'ingest-workers': { type: 'string', default: '2' },
    'cpu-prof-dir': { type: 'string' },
  },
});

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-ingest-'));
const db = path.join(directory, 'sextant.db');
const profileDir = values['cpu-prof-dir'];
const server = await spawnServer({
  db,
  args: ['--ingest-workers', values['ingest-workers']],
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
});
console.log(`server ${server.url} (pid ${server.pid}), store ${db}`);
console.log(
  `load: ${values.concurrency} clients, ${Number(values['duration-ms']) / 1000} s measured after a 2 s warm-up`,
);

const output = execFileSync(
  process.execPath,
  [
    path.join(here, 'load-generator.js'),
    '--url',
    server.url,
    '--key',
    server.key,
    '--duration-ms',
    values['duration-ms'],
    '--concurrency',
    values.concurrency,
  ],
  { encoding: 'utf8' },
);
const load = JSON.parse(output);
const rss = await peakRssBytes(server.pid);
const serverCpu = await cpuSeconds(server.pid);
await server.stop();

// Durability check: everything acknowledged is in the file after a clean shutdown.
const check = new Database(db, { readonly: true });
const storedSpans = check.prepare('SELECT count(*) AS n FROM spans').get().n;
check.close();
fs.rmSync(directory, { recursive: true, force: true });

const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  store: 'sqlite',
  ...load,
  spansAcknowledged: load.batchesAcknowledged * load.spansPerBatch,
  spansStored: storedSpans,
  serverPeakRssMB: rss === null ? null : Math.round(rss / 2 ** 20),
  ingestWorkers: Number(values['ingest-workers']),
  serverCpuSeconds: serverCpu,
  targets: { spansPerSecond: 50_000, ackP99Ms: 50, serverRssMB: 300 },
};
fs.mkdirSync(path.join(here, '../results'), { recursive: true });
fs.writeFileSync(path.join(here, '../results/ingest.json'), `${JSON.stringify(result, null, 2)}\n`);

const mark = (ok) => (ok ? 'ok ' : 'MISS');
console.log(`
sustained          ${Math.round(result.spansPerSecond).toLocaleString('en')} spans/s   [${mark(result.spansPerSecond >= 50_000)}] target >= 50,000
ack latency p50    ${result.ackLatencyMs.p50?.toFixed(2)} ms
ack latency p99    ${result.ackLatencyMs.p99?.toFixed(2)} ms   [${mark(result.ackLatencyMs.p99 < 50)}] target < 50 ms
server CPU         ${result.serverCpuSeconds} s over the whole run (${result.ingestWorkers} ingest workers)
server peak RSS    ${result.serverPeakRssMB} MB   [${mark(result.serverPeakRssMB < 300)}] target < 300 MB
stored / acked     ${result.spansStored.toLocaleString('en')} / ${result.spansAcknowledged.toLocaleString('en')} spans
batch              ${result.spansPerBatch} spans, ${(result.batchBytes / 1024).toFixed(0)} KiB
written to bench/results/ingest.json`);
if (result.spansStored < result.spansAcknowledged) {
  console.error('acknowledged spans are missing from the store');
  process.exitCode = 1;
}
