// Records gguf-judge-replies.json: REAL replies of the local GGUF model (TinyStories 260K, threads 1,
// temperature 0) to Sextant's built-in judge prompts, served through Sextant's own OpenAI-compatible
// gateway. The model writes children's stories, so none of its replies is a usable verdict: the fixture
// tests that the judge protocol survives real, unhelpful model output. Well-formed verdicts are in the
// hand-written fixture beside it (labelled as such).
//
// Run from the repository root after a build (`npx tsc -b packages/server`):
//   node packages/server/src/judges/__fixtures__/record-gguf-judge-replies.mjs [path/to/stories260K.gguf]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePrompt } from '@sextant/core';
import { judgePrompts } from '@sextant/core/evaluators';
import { ProjectService, startServer } from '@sextant/server';
import { openSqliteStore } from '@sextant/store';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelFile = path.resolve(process.argv[2] ?? process.env.SEXTANT_TEST_MODEL ?? path.join(here, '../../../../../../shared/models/stories260K.gguf'));
const model = 'local/stories260k';

const cases = [
  ['sextant-judge-pointwise', { rubric: 'Is the answer correct?', scaleMin: 1, scaleMax: 5, input: 'What is the capital of France?', output: 'Paris is the capital of France.', expected: 'Paris' }],
  ['sextant-judge-pairwise', { criteria: 'Which answer is more accurate?', input: 'What is the capital of France?', answerA: 'Paris.', answerB: 'Lyon.' }],
  ['sextant-judge-claims', { question: 'What is the refund policy?', answer: 'Refunds are accepted within 30 days. Shipping is free.' }],
  ['sextant-judge-claim-support', { context: '[1] Refunds are accepted within 30 days.', claim: 'Shipping is free.' }],
  ['sextant-judge-context-relevance', { question: 'What is the refund policy?', document: 'Our office is in Lyon.' }],
];

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-record-'));
const store = openSqliteStore(path.join(directory, 'sextant.db'));
const projects = new ProjectService(store);
await projects.createProject('record');
const { key } = await projects.createApiKey('record', 'recorder');
const server = await startServer({ store, port: 0, logError: console.error });
const call = async (route, body) => {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${text}`);
  return JSON.parse(text);
};
try {
  await call('/api/models', { type: 'gguf', file: modelFile, id: model, threads: 1 });
  const recordings = [];
  for (const [prompt, values] of cases) {
    const compiled = compilePrompt(judgePrompts[prompt], values);
    if (!compiled.success) throw new Error(`${prompt}: ${compiled.error}`);
    const request = { model, messages: compiled.value.messages, temperature: 0, max_tokens: 48 };
    const response = await call('/v1/chat/completions', request);
    recordings.push({ prompt, request, response });
    console.log(`${prompt}: ${JSON.stringify(response.choices[0].message.content)}`);
  }
  const fixture = {
    _note: 'RECORDED from a real model: stories260K.gguf through the Sextant gateway (POST /v1/chat/completions), threads 1, temperature 0. Re-record with record-gguf-judge-replies.mjs.',
    recordedAt: new Date().toISOString(),
    recordings,
  };
  fs.writeFileSync(path.join(here, 'gguf-judge-replies.json'), `${JSON.stringify(fixture, null, 2)}\n`);
} finally {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
}
