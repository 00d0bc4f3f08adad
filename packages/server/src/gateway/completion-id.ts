import { randomHex } from './random-ids.js';

/** An id in OpenAI's format for completions the gateway composes itself. */
export const newCompletionId = () => `chatcmpl-${randomHex(12)}`;
