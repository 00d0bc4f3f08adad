// bench/gateway: the latency Sextant's gateway adds over calling a loopback OpenAI-compatible upstream
// directly, p50 and p99, non-streaming (whole answer) and streaming (time to first byte), at 1 and 50
// concurrent clients; in the same run the same for Portkey's open-source gateway on the same upstream.
// Every process is separate: upstream, Sextant (`sextant serve`), Portkey, and the load generator.
// Usage: node bench/gateway/run.js [--requests 4000] [--skip-portkey] [--cpu-prof-dir DIR]
// With --cpu-prof-dir the Sextant server writes V8 CPU profiles (every thread) there when it stops.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { spawnServer } from '../ingest/server-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    'skip-portkey': { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
  },
});
const requestsPerCell = Number(values.requests);

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-gateway-'));
const children = [];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('exit', stopAll);

const upstream = await startUpstream();
console.log(`upstream  http://127.0.0.1:${upstream.port} (pid ${upstream.child.pid})`);

const sextant = await spawnServer({
  db: path.join(directory, 'sextant.db'),
  nodeArgs: values['cpu-prof-dir']
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof-dir'])}`]
    : [],
});
await addBenchModel(sextant.url, sextant.key, upstream.port);
console.log(`sextant   ${sextant.url} (pid ${sextant.pid})`);

const portkey = values['skip-portkey'] ? null : await startPortkey();
if (portkey)
  console.log(
    `portkey   http://127.0.0.1:${portkey.port} (pid ${portkey.child.pid}) @portkey-ai/gateway@1.15.2`,
  );

const targets = [
  {
    name: 'direct',
    url: `http://127.0.0.1:${upstream.port}/v1/chat/completions`,
    model: 'gpt-4o-mini',
    headers: {},
  },
  {
    name: 'sextant',
    url: `${sextant.url}/v1/chat/completions`,
    model: 'bench/gpt-4o-mini',
    headers: { authorization: `Bearer ${sextant.key}` },
  },
  ...(portkey
    ? [
        {
          name: 'portkey',
          url: `http://127.0.0.1:${portkey.port}/v1/chat/completions`,
          model: 'gpt-4o-mini',
          headers: {
            authorization: 'Bearer sk-bench-not-a-real-key',
            'x-portkey-provider': 'openai',
            'x-portkey-custom-host': `http://127.0.0.1:${upstream.port}/v1`,
          },
        },
      ]
    : []),
];

const cells = [];
for (const concurrency of [1, 50]) {
  for (const stream of [false, true]) {
    const samples = JSON.parse(
      execFileSync(
        process.execPath,
        [
          path.join(here, 'load-generator.js'),
          JSON.stringify({
            targets,
            concurrency,
            stream,
            requests: requestsPerCell,
            warmup: Math.min(1000, requestsPerCell / 2),
            rounds: 4,
          }),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      ),
    );
    const latency = Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [name, percentiles(values)]),
    );
    const added = (name) =>
      latency[name]
        ? { p50: latency[name].p50 - latency.direct.p50, p99: latency[name].p99 - latency.direct.p99 }
        : null;
    const cell = {
      concurrency,
      mode: stream ? 'streaming (time to first byte)' : 'non-streaming (whole answer)',
      requestsPerTarget: samples.direct.length,
      latencyMs: latency,
      addedMs: { sextant: added('sextant'), portkey: added('portkey') },
    };
    cell.portkeyOverSextant = cell.addedMs.portkey
      ? {
          p50: ratio(cell.addedMs.portkey.p50, cell.addedMs.sextant.p50),
          p99: ratio(cell.addedMs.portkey.p99, cell.addedMs.sextant.p99),
        }
      : null;
    cells.push(cell);
    printCell(cell);
  }
}

stopAll();
await sextant.stop();
const db = new Database(path.join(directory, 'sextant.db'), { readonly: true });
const spans = db.prepare("SELECT count(*) AS n FROM spans WHERE service_name = 'sextant-gateway'").get().n;
db.close();
fs.rmSync(directory, { recursive: true, force: true });

const targetsMet = cells.every(
  (cell) => cell.concurrency !== 1 || (cell.addedMs.sextant.p50 <= 0.3 && cell.addedMs.sextant.p99 <= 1),
);
const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  upstream: 'loopback Node http server, fixed OpenAI chat completion (JSON) or 18-event SSE stream',
  sextant: 'sextant serve (compiled), model bench/gpt-4o-mini = OpenAI-compatible endpoint, tracing on',
  portkey: portkey
    ? '@portkey-ai/gateway@1.15.2 (overrides: @hono/node-server 1.14.1, @hono/node-ws 1.2.0)'
    : null,
  gatewaySpansStored: spans,
  cells,
  targets: { addedP50Ms: 0.3, addedP99Ms: 1, belowPortkey: true },
  targetsMetAtOneClient: targetsMet,
};
fs.mkdirSync(path.join(here, '../results'), { recursive: true });
fs.writeFileSync(path.join(here, '../results/gateway.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\ngateway spans stored by Sextant: ${spans}\nwritten to bench/results/gateway.json`);

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) };
}

function ratio(numerator, denominator) {
  return denominator > 0 ? Math.round((numerator / denominator) * 10) / 10 : null;
}

function printCell(cell) {
  const ms = (value) =>
    value === undefined || value === null ? '   -   ' : `${value.toFixed(3)} ms`.padStart(10);
  console.log(`\n${cell.concurrency} client(s), ${cell.mode}, ${cell.requestsPerTarget} requests per target`);
  console.log('                     p50          p99   added p50    added p99');
  for (const name of Object.keys(cell.latencyMs)) {
    const latency = cell.latencyMs[name];
    const added = cell.addedMs[name];
    console.log(
      `  ${name.padEnd(9)} ${ms(latency.p50)}   ${ms(latency.p99)}  ${added ? ms(added.p50) : '          '}   ${added ? ms(added.p99) : ''}`,
    );
  }
  if (cell.portkeyOverSextant) {
    console.log(
      `  Portkey adds ${cell.portkeyOverSextant.p50}x Sextant's latency at p50, ${cell.portkeyOverSextant.p99}x at p99`,
    );
  }
}

async function startUpstream() {
  const child = spawn(process.execPath, [path.join(here, 'upstream-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise((resolve) => child.stdout.once('data', (data) => resolve(String(data))));
  return { child, port: JSON.parse(line).port };
}

async function addBenchModel(url, key, port) {
  const response = await fetch(`${url}/api/models`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'endpoint',
      provider: 'bench',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      models: ['gpt-4o-mini'],
    }),
  });
  if (response.status !== 201) throw new Error(`could not add the bench model: ${await response.text()}`);
}

async function startPortkey() {
  const folder = path.join(here, 'portkey');
  const entry = path.join(folder, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  if (!fs.existsSync(entry)) {
    console.log(
      'installing @portkey-ai/gateway@1.15.2 into bench/gateway/portkey (not a product dependency)...',
    );
    try {
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
        cwd: folder,
        stdio: 'inherit',
      });
    } catch {
      console.log('Portkey could not be installed; measuring Sextant alone');
      return null;
    }
  }
  const port = await freePort();
  // Portkey listens on all interfaces (it has no host option); the benchmark only sends it loopback traffic.
  const child = spawn(process.execPath, [entry, `--port=${port}`, '--headless'], {
    cwd: folder,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  children.push(child);
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await canConnect(port)) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Portkey did not start in 10 s');
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
