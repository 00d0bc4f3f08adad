// bench/ingest: a live `sextant serve` on loopback, a load generator in another process, and the figures:
// sustained spans/s durably stored, acknowledgement latency p50/p99, and the server's peak RSS.
// Usage: node bench/ingest/run.js [--duration-ms 15000] [--concurrency 4] [--cpu-prof-dir DIR]
//        [--db postgres://... [--servers 2]]   (PostgreSQL: N servers on one database, one load generator each)
// With --cpu-prof-dir the server writes V8 CPU profiles (main thread and ingest workers) there on exit.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPostgresStore } from '@sextant/store';
import Database from 'better-sqlite3';
import { cpuSeconds, peakRssBytes, spawnServer } from './server-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '15000' },
    concurrency: { type: 'string', default: '4' },
    'ingest-workers': { type: 'string', default: '2' },
    'cpu-prof-dir': { type: 'string' },
    db: { type: 'string' },
    servers: { type: 'string', default: '1' },
  },
});

const postgres = values.db !== undefined && /^postgres(ql)?:\/\//.test(values.db);
const serverCount = Number(values.servers);
if (serverCount > 1 && !postgres)
  throw new Error('--servers above 1 needs --db postgres://...: SQLite serves one machine');
// A fresh schema per run, so the stored-span count below is this run's.
const db = postgres
  ? `${values.db}${values.db.includes('?') ? '&' : '?'}schema=bench_ingest_${Date.now()}`
  : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-ingest-')), 'sextant.db');
const profileDir = values['cpu-prof-dir'];
const startServer = () =>
  spawnServer({
    db,
    args: ['--ingest-workers', values['ingest-workers']],
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  });
// The first server creates the project and prints its key; the others share the database.
const servers = [await startServer()];
for (let index = 1; index < serverCount; index++) servers.push(await startServer());
const key = servers[0].key;
for (const server of servers) console.log(`server ${server.url} (pid ${server.pid})`);
console.log(`store ${postgres ? db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : db}`);
console.log(
  `load: ${values.concurrency} clients per server, ${Number(values['duration-ms']) / 1000} s measured after a 2 s warm-up`,
);

const runLoad = (server) =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [
        path.join(here, 'load-generator.js'),
        ...['--url', server.url, '--key', key, '--duration-ms', values['duration-ms']],
        ...['--concurrency', values.concurrency],
      ],
      { encoding: 'utf8' },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    ),
  );
const loads = await Promise.all(servers.map(runLoad));
// One figure for all servers: throughput adds up; latency is the worst server's.
const load = {
  ...loads[0],
  spansPerSecond: loads.reduce((sum, part) => sum + part.spansPerSecond, 0),
  batchesAcknowledged: loads.reduce((sum, part) => sum + part.batchesAcknowledged, 0),
  ackLatencyMs: {
    p50: Math.max(...loads.map((part) => part.ackLatencyMs.p50 ?? 0)),
    p99: Math.max(...loads.map((part) => part.ackLatencyMs.p99 ?? 0)),
  },
};
const rss = Math.max(...(await Promise.all(servers.map((server) => peakRssBytes(server.pid)))));
const serverCpu = (await Promise.all(servers.map((server) => cpuSeconds(server.pid)))).reduce(
  (sum, seconds) => sum + (seconds ?? 0),
  0,
);
await Promise.all(servers.map((server) => server.stop()));

// Durability check: everything acknowledged is in the store after a clean shutdown.
let storedSpans;
if (postgres) {
  const check = openPostgresStore(db);
  storedSpans = (await check.pool.query('SELECT count(*) AS n FROM spans')).rows[0].n;
  await check.pool.query(`DROP SCHEMA ${check.schema} CASCADE`);
  await check.close();
} else {
  const check = new Database(db, { readonly: true });
  storedSpans = check.prepare('SELECT count(*) AS n FROM spans').get().n;
  check.close();
  fs.rmSync(path.dirname(db), { recursive: true, force: true });
}

const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  store: postgres ? 'postgresql' : 'sqlite',
  servers: serverCount,
  ...load,
  spansAcknowledged: load.batchesAcknowledged * load.spansPerBatch,
  spansStored: storedSpans,
  serverPeakRssMB: rss === null ? null : Math.round(rss / 2 ** 20),
  ingestWorkers: Number(values['ingest-workers']),
  serverCpuSeconds: serverCpu,
  targets: { spansPerSecond: 50_000, ackP99Ms: 50, serverRssMB: 300 },
};
fs.mkdirSync(path.join(here, '../results'), { recursive: true });
const resultsFile = postgres ? `ingest-postgresql-${serverCount}-servers.json` : 'ingest.json';
fs.writeFileSync(path.join(here, `../results/${resultsFile}`), `${JSON.stringify(result, null, 2)}\n`);

const mark = (ok) => (ok ? 'ok ' : 'MISS');
console.log(`
sustained          ${Math.round(result.spansPerSecond).toLocaleString('en')} spans/s   [${mark(result.spansPerSecond >= 50_000)}] target >= 50,000
ack latency p50    ${result.ackLatencyMs.p50?.toFixed(2)} ms
ack latency p99    ${result.ackLatencyMs.p99?.toFixed(2)} ms   [${mark(result.ackLatencyMs.p99 < 50)}] target < 50 ms
server CPU         ${result.serverCpuSeconds} s over the whole run (${serverCount} server(s), ${result.ingestWorkers} ingest workers each); load generator ${result.cpuSeconds?.toFixed(1)} s
server peak RSS    ${result.serverPeakRssMB} MB   [${mark(result.serverPeakRssMB < 300)}] target < 300 MB
stored / acked     ${result.spansStored.toLocaleString('en')} / ${result.spansAcknowledged.toLocaleString('en')} spans
batch              ${result.spansPerBatch} spans, ${(result.batchBytes / 1024).toFixed(0)} KiB
written to bench/results/${resultsFile}`);
if (result.spansStored < result.spansAcknowledged) {
  console.error('acknowledged spans are missing from the store');
  process.exitCode = 1;
}
