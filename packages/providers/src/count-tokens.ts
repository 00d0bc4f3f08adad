/** Counts tokens of a text; see `loadTokenCounter`. */
export type TokenCounter = (text: string) => number;

let counter: Promise<TokenCounter> | null = null;

/**
 * A real BPE tokenizer (gpt-tokenizer, `o200k_base`, the encoding of GPT-4o and later) for estimating
 * usage when a provider reports none. Other vendors' tokenizers differ by a few percent, which is why
 * costs built on these counts are marked estimated. Loaded on first use (the rank table takes ~150 ms).
 */
export function loadTokenCounter(): Promise<TokenCounter> {
  counter ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (encoding) => (text: string) => encoding.countTokens(text),
  );
  return counter;
}

/** Tokens OpenAI's chat format adds per message and to prime the reply. */
const perMessageTokens = 3;
const replyPrimingTokens = 3;

/** Estimated prompt tokens of chat messages: their text plus the chat format's framing. */
export function countChatTokens(
  count: TokenCounter,
  messages: readonly { role: string; content: string }[],
): number {
  let total = replyPrimingTokens;
  for (const message of messages) total += perMessageTokens + count(message.role) + count(message.content);
  return total;
}
