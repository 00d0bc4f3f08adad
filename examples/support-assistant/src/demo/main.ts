// `npm run demo`: Sextant operating its own support assistant through Discover, Develop, Evaluate,
// Deploy and Govern, offline, on a fresh embedded store. Options: --keep-running=false to stop at the end
// (CI), SEXTANT_DEMO_PORT (default 4318), SEXTANT_LOCAL_MODEL=path.gguf to add a local model.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { init } from '@sextant/sdk';
import { createGatewayClient, gatewayEmbedder } from '../assistant/gateway-client.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { exampleDirectory } from './develop.js';
import { runPhases } from './phases.js';
import { DemoReport } from './report.js';
import { startSextant } from './sextant-process.js';

const { values } = parseArgs({
  options: {
    'keep-running': { type: 'string', default: 'true' },
    'result-file': { type: 'string' },
  },
});

const demoDirectory = path.join(exampleDirectory, '.demo');
fs.rmSync(demoDirectory, { recursive: true, force: true });
fs.mkdirSync(demoDirectory, { recursive: true });

const started = performance.now();
const report = new DemoReport();
console.log('Starting Sextant on a fresh embedded store...');
const sextant = await startSextant(
  path.join(demoDirectory, 'sextant.db'),
  Number(process.env.SEXTANT_DEMO_PORT ?? 4318),
);
console.log(`Sextant is up at ${sextant.url} (API key ${sextant.apiKey})`);

const tracing = init({ serviceName: 'support-assistant', endpoint: sextant.url, apiKey: sextant.apiKey });
const client = createGatewayClient(sextant.url, sextant.apiKey);
try {
  const retriever = await HybridRetriever.create(loadCorpus(), gatewayEmbedder(client));
  const results = await runPhases({ sextant, client, retriever, report, tracing, demoDirectory });
  console.log(report.summary(`${sextant.url}/`));
  console.log(`\nWalk-through finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  if (values['result-file']) {
    const where = { url: sextant.url, apiKey: sextant.apiKey, db: sextant.db };
    fs.writeFileSync(values['result-file'], JSON.stringify({ ...where, ...results }, null, 2));
  }
} catch (error) {
  console.error('\nThe walk-through stopped:', error);
  process.exitCode = 1;
} finally {
  await tracing.shutdown();
  if (values['keep-running'] === 'true' && process.exitCode !== 1) {
    console.log(`\nSextant keeps running at ${sextant.url}/ with the key above; press Ctrl-C to stop.`);
    process.once('SIGINT', () => void sextant.stop());
  } else {
    await sextant.stop();
  }
}
