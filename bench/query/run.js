// bench/query: seeds an embedded store with GenAI traces (default 1,000,000 spans), starts a live
// server on it, and measures the console's API calls (trace list, filters, search, metrics) at p50/p95.
// Usage: node bench/query/run.js [--spans 1000000] [--samples 40] [--db path-to-reuse | postgres://...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnServer } from '../ingest/server-process.js';
import { seedStore } from './seed-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '40' },
    db: { type: 'string' },
  },
});

const db =
  values.db ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-query-')), 'sextant.db');
const storeKind = /^postgres(ql)?:\/\//.test(db) ? 'postgresql' : 'sqlite';
const resultsFile = storeKind === 'sqlite' ? 'query.json' : 'query-postgresql.json';
const { key, seededSpans, seedSeconds } = await seedStore(db, Number(values.spans));
console.log(
  `store ${db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}: ${seededSpans.toLocaleString('en')} spans (${seedSeconds.toFixed(0)} s to seed)`,
);

const server = await spawnServer({ db });
const day = 86_400_000;
const now = Date.now();
const window = `from=${new Date(now - 7 * day).toISOString()}&to=${new Date(now + 60_000).toISOString()}`;
const calls = {
  'list: newest 50': '/api/traces?limit=50',
  'list: by latency': '/api/traces?limit=50&sort=latency',
  'list: by cost asc': '/api/traces?limit=50&sort=cost&order=asc',
  'list: errors only': '/api/traces?limit=50&status=error',
  'list: model filter': '/api/traces?limit=50&model=claude-3-5-haiku',
  'list: tag filter': '/api/traces?limit=50&tags=beta',
  'list: last hour': `/api/traces?limit=50&from=${new Date(now - 3_600_000).toISOString()}`,
  'list: full-text search': '/api/traces?limit=50&q=refund',
  'list: page 2 (cursor)': null,
  'trace: one trace': null,
  'metrics: 7 days': `/api/metrics?${window}`,
  'metrics: 7 days by model': `/api/metrics?${window}&groupBy=model`,
  'metrics: 7 days by name': `/api/metrics?${window}&groupBy=name`,
  'metrics: 24 hours': '/api/metrics',
  'sessions: newest 50': '/api/sessions?limit=50',
  'sessions: last 24 hours': `/api/sessions?limit=50&from=${new Date(now - day).toISOString()}`,
};

const headers = { authorization: `Bearer ${key}` };
const get = async (route) => {
  const started = performance.now();
  const response = await fetch(`${server.url}${route}`, { headers });
  const body = await response.json();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
};
const first = await get('/api/traces?limit=50');
calls['list: page 2 (cursor)'] = `/api/traces?limit=50&cursor=${first.body.nextCursor}`;
calls['trace: one trace'] = `/api/traces/${first.body.traces[0].traceId}`;

const results = {};
for (const [label, route] of Object.entries(calls)) {
  await get(route); // warm the page cache once, as a console user's second look would
  const times = [];
  for (let sample = 0; sample < Number(values.samples); sample++) times.push((await get(route)).ms);
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  results[label] = { p50: at(0.5), p95: at(0.95) };
  console.log(
    `${label.padEnd(28)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms   ${at(0.95) < 300 ? 'ok' : 'OVER 300 ms'}`,
  );
}
await server.stop();

fs.mkdirSync(path.join(here, '../results'), { recursive: true });
const output = {
  date: new Date().toISOString(),
  spans: seededSpans,
  store: storeKind,
  targetP95Ms: 300,
  results,
};
fs.writeFileSync(path.join(here, `../results/${resultsFile}`), `${JSON.stringify(output, null, 2)}\n`);
console.log(`written to bench/results/${resultsFile}`);
