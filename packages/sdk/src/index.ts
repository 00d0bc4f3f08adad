/**
 * @sextant/sdk: trace a GenAI app's chains, retrievals, tools and model calls to Sextant.
 * A thin layer over OpenTelemetry: spans of other OTel instrumentation, such as the Vercel AI
 * SDK's `experimental_telemetry`, go to Sextant too.
 */

/**
 * Attribute names the SDK writes and the Sextant server reads.
 * @example
 * span.setAttribute(SextantAttributes.sessionId, 'chat-42');
 */
export {
  GenAiAttributes,
  retrievalDocumentAttribute,
  SextantAttributes,
  type SextantSpanKind,
} from './attributes.js';

/**
 * Export counters returned by `handle.stats()`.
 * @example
 * const { exported, dropped, failedExports } = sextant.stats();
 */
export type { ExportStats } from './drop-oldest-span-processor.js';

/**
 * Runs a chain over a dataset as an experiment: repeats, concurrency, a rate limit, evaluators on the
 * output or on spans of each run's trace, results posted in batches, resumable after a crash.
 * @example
 * const result = await runExperiment({ dataset: 'qa', task: (input) => answer(String(input)),
 *   evaluators: [contains()], repeats: 3, concurrency: 8, onProgress: (p) => console.log(p.done, p.total) });
 */
export {
  ExperimentAttributes,
  type ExperimentEvaluator,
  type ExperimentProgress,
  type ExperimentResult,
  type RunExperimentOptions,
  runExperiment,
  type TaskContext,
} from './experiments/run-experiment.js';
/**
 * Starts tracing to Sextant and returns a handle to flush, shut down and read counters.
 * @example
 * const sextant = init({ serviceName: 'support-bot' }); // SEXTANT_URL, SEXTANT_API_KEY from env
 * process.on('SIGTERM', () => void sextant.shutdown());
 */
export { type InitOptions, init, type SextantHandle } from './init.js';
export type { PromptFallback, ReleaseFallback } from './prompts/fallbacks.js';
export { ChatPrompt, type Prompt, TextPrompt } from './prompts/prompt.js';
/**
 * Versioned prompts and releases from the Sextant registry: cached in memory with background refresh,
 * and fail-open (the last known version, else a fallback, never waiting longer than `timeoutMs`).
 * @example
 * const prompt = await getPrompt('greet', { label: 'production', fallback: 'prompts/greet.prompt.md' });
 * const text = prompt.type === 'text' ? prompt.compile({ name: 'Ada' }) : '';
 * const release = await getRelease('support-bot');
 */
export {
  createRegistryClient,
  type GetPromptOptions,
  type GetReleaseOptions,
  getPrompt,
  getRelease,
  type RegistryClient,
  type RegistryClientOptions,
} from './prompts/registry-client.js';
export { Release } from './prompts/release.js';
/**
 * Links every span started inside `fn` to a prompt version (`sextant.prompt.name`/`.version`,
 * `gen_ai.prompt.name`) or a release (`sextant.release.id`).
 * @example
 * await withRelease(release, () => withPrompt(prompt, () => answer(question)));
 */
export { withPrompt, withRelease } from './prompts/with-prompt.js';
/**
 * Options shared by `traced` and `withSpan`: the step's kind, extra attributes and trace attributes.
 * @example
 * const options: StepOptions = { kind: 'retrieval', sessionId: 'chat-42' };
 */
export type { StepOptions } from './run-in-span.js';
/**
 * JSON text of any value for a span attribute: never throws, cut at `maxLength`.
 * @example
 * span.setAttribute('app.request', serializeValue(request) ?? '');
 */
export { serializeValue } from './serialize-value.js';
/**
 * Helpers that attach GenAI data to a span (`undefined` spans are ignored).
 * @example
 * await withSpan('answer', { kind: 'llm' }, async (span) => {
 *   const result = await callModel(prompt);
 *   setLlmUsage(span, { model: 'gpt-4o-mini', provider: 'openai', inputTokens: 19, outputTokens: 10 });
 *   return result.text;
 * });
 * setRetrievedDocuments(getActiveSpan(), [{ id: 'doc-1', content: 'Refunds take 5 days.', score: 0.82 }]);
 * setToolCall(getActiveSpan(), { name: 'get_weather', arguments: { city: 'Oslo' }, result: { celsius: 4 } });
 */
export {
  getActiveSpan,
  type LlmUsage,
  type RetrievedDocument,
  setInput,
  setLlmUsage,
  setOutput,
  setRetrievedDocuments,
  setToolCall,
  type ToolCall,
} from './span-data.js';
/**
 * Session, user, tags, prompt and release ids for every span in a block, or for one span.
 * @example
 * await withTraceAttributes({ sessionId: 'chat-42', userId: 'u-7', tags: ['beta'] }, () => answer(question));
 * setTraceAttributes(getActiveSpan(), { promptName: 'greet', promptVersion: 3, releaseId: 'rel-12' });
 */
export {
  setTraceAttributes,
  type TraceAttributes,
  withTraceAttributes,
} from './trace-attributes.js';
/**
 * Wraps a function so every call is a span with its arguments, return value and errors.
 * @example
 * const retrieve = traced('retrieve', { kind: 'retrieval' }, async (query: string) => store.search(query));
 * const docs = await retrieve('refund policy'); // same signature, same result
 */
export { type TracedOptions, traced } from './traced.js';
/**
 * Runs an inline block as a span nested under the active one; the block gets the span.
 * @example
 * for (let step = 0; step < 5; step++) {
 *   const done = await withSpan(`agent step ${step}`, { kind: 'agent' }, async () => runStep(step));
 *   if (done) break;
 * }
 */
export { type WithSpanOptions, withSpan } from './with-span.js';
