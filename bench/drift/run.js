// bench/drift: (1) statistical validation of the drift detectors on real questions embedded by the
// offline encoder: false-alarm rate with no shift and power when 10% of traffic moves to a new
// topic, each with a Wilson 95% interval; (2) the time of a drift report for 10,000 reference vs
// 10,000 current texts in SQLite, first with embedding and then with the embeddings already stored.
// Usage: npm run build && node bench/drift/run.js [--trials 200] [--size 100] [--texts 10000] [--full-embedding]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { emptySpan } from '@sextant/core';
import { simulateDriftDetection } from '@sextant/core/drift';
import { createOfflineEmbedder } from '@sextant/providers/embeddings';
import { DriftService } from '@sextant/server';
import { openSqliteStore } from '@sextant/store';
import { variedTexts } from './texts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '200' },
    size: { type: 'string', default: '100' },
    texts: { type: 'string', default: '10000' },
    'full-embedding': { type: 'boolean', default: false },
    'skip-validation': { type: 'boolean', default: false },
  },
});
const corpusFile = path.join(here, '../../packages/core/src/drift/test-support/support-questions.json');
const corpus = JSON.parse(fs.readFileSync(corpusFile, 'utf8')).topics;
const baseTopics = ['billing', 'login', 'api', 'export', 'pricing'];
const percent = (rate) =>
  `${(100 * rate.estimate).toFixed(1)}% [${(100 * rate.lower).toFixed(1)}, ${(100 * rate.upper).toFixed(1)}]`;
const figures = { machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`, node: process.version };

const embedder = await createOfflineEmbedder();

if (!values['skip-validation']) {
  const trials = Number(values.trials);
  const size = Number(values.size);
  const baseTexts = baseTopics.flatMap((topic) => corpus[topic]);
  let started = performance.now();
  const base = { texts: baseTexts, embeddings: await embedder.embed(baseTexts) };
  const newTopic = { texts: corpus.mobile, embeddings: await embedder.embed(corpus.mobile) };
  const embedSeconds = (performance.now() - started) / 1000;
  console.log(
    `corpus: ${baseTexts.length} questions in 5 topics + ${corpus.mobile.length} of a new topic, embedded in ${embedSeconds.toFixed(1)} s`,
  );
  figures.validation = { trials, perSide: size };
  for (const [name, shiftShare, seed] of [
    ['noShift', 0, 1],
    ['shift10', 0.1, 2],
    ['shift20', 0.2, 3],
  ]) {
    started = performance.now();
    const result = simulateDriftDetection({
      base,
      newTopic,
      referenceSize: size,
      currentSize: size,
      shiftShare,
      trials,
      seed,
    });
    const title =
      shiftShare === 0
        ? `no shift, ${size} vs ${size} texts, alpha 0.05: false-alarm rate`
        : `${100 * shiftShare}% of current traffic on a new topic, ${size} vs ${size} texts: power`;
    console.log(`\n${title} (${trials} trials, ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    for (const [detector, rate] of Object.entries(result.detectors)) {
      console.log(`  ${detector.padEnd(40)} ${percent(rate)}`);
    }
    console.log(`  ${'whole report (Holm across features)'.padEnd(40)} ${percent(result.report)}`);
    figures.validation[name] = { detectors: result.detectors, report: result.report };
  }
}

// Performance: a report over 10,000 vs 10,000 stored spans.
const count = Number(values.texts);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-drift-'));
const store = openSqliteStore(path.join(directory, 'sextant.db'));
await store.createProject({ id: 'bench', name: 'bench' });
const now = Date.now();
const day = 24 * 3600_000;
const referenceTexts = variedTexts(
  baseTopics.flatMap((topic) => corpus[topic]),
  count,
  1,
);
const currentPool = [...baseTopics.flatMap((topic) => corpus[topic]), ...corpus.mobile];
const currentTexts = variedTexts(currentPool, count, 2);
const span = (text, time) => ({
  ...emptySpan({
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    name: 'answer',
    startTimeUs: time * 1000,
    endTimeUs: (time + 500 + (text.length % 700)) * 1000,
  }),
  input: { type: 'messages', messages: [{ role: 'user', content: text }] },
});
const spacing = Math.floor((day - 60_000) / count);
await store.insertSpans(
  'bench',
  referenceTexts.map((text, index) => span(text, now - 3 * day + index * spacing)),
);
await store.insertSpans(
  'bench',
  currentTexts.map((text, index) => span(text, now - day + 30_000 + index * spacing)),
);
const drift = new DriftService(store, { embedder: async () => embedder });

async function timedRun(label, embeddingSampleSize) {
  const monitor = await drift.createMonitor('bench', {
    name: label,
    reference: { type: 'range', start: new Date(now - 3 * day), end: new Date(now - 2 * day) },
    currentWindowHours: 24,
    embeddingSampleSize,
    maxSpans: count,
  });
  const results = [];
  for (const run of ['first run (embeds)', 'again (embeddings stored)']) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await drift.runCheck('bench', monitor.id, { now: new Date(now) });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // The machine is shared: CPU seconds of this process tell what an idle machine's wall time would be.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `  ${run.padEnd(28)} ${seconds.toFixed(2)} s  (${report.reference.count} vs ${report.current.count} texts, ` +
        `embedded ${report.embedder?.computed ?? 0} new / ${report.embedder?.reused ?? 0} stored in ${((report.embedder?.milliseconds ?? 0) / 1000).toFixed(1)} s; ${report.verdict})`,
    );
    const load = Number(os.loadavg()[0].toFixed(1));
    console.log(
      `    (read ${report.timings.loadMs} ms, embed ${report.timings.embedMs} ms, tests ${report.timings.testsMs} ms; ` +
        `CPU time ${cpuSeconds.toFixed(2)} s; load average ${load} on ${os.cpus().length} cores)`,
    );
    results.push({
      seconds,
      cpuSeconds,
      loadAverage: load,
      timings: report.timings,
      embedder: report.embedder,
    });
  }
  return results;
}

console.log(`\ndrift report, ${count} reference vs ${count} current texts (SQLite, offline encoder):`);
console.log(
  `default monitor (texts and columns on all ${2 * count}; embedding tests on a seeded 750 per side):`,
);
figures.report = { texts: count, defaultSample: await timedRun('default', 750) };
if (values['full-embedding']) {
  console.log(`every text embedded (embeddingSampleSize ${count}):`);
  figures.report.fullEmbedding = await timedRun('full', count);
}
await store.close();
fs.rmSync(directory, { recursive: true, force: true });
fs.mkdirSync(path.join(here, '../results'), { recursive: true });
const resultsFile = path.join(here, '../results/drift.json');
// A --skip-validation run keeps the validation figures of the previous full run.
const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
fs.writeFileSync(resultsFile, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
console.log('\nfigures written to bench/results/drift.json');
