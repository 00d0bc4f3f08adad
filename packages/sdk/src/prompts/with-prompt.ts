import { withTraceAttributes } from '../trace-attributes.js';
import type { Prompt } from './prompt.js';
import type { Release } from './release.js';

/**
 * Runs `fn` so that every span started inside it (the SDK's and other libraries', such as the Vercel AI
 * SDK's) records the prompt's name and version, linking the trace to the prompt version that produced it.
 * @example
 * const answer = await withPrompt(prompt, () => generateText({ model, messages: prompt.compile({ question }) }));
 */
export function withPrompt<R>(prompt: Pick<Prompt, 'traceAttributes'>, fn: () => R): R {
  return withTraceAttributes(prompt.traceAttributes, fn);
}

/** Runs `fn` so that every span started inside it records the release id (`sextant.release.id`). */
export function withRelease<R>(release: Pick<Release, 'traceAttributes'>, fn: () => R): R {
  return withTraceAttributes(release.traceAttributes, fn);
}
