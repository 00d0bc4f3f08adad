import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { Token } from 'node-llama-cpp';
import type { LoadedGguf } from './gguf-runtime.js';

type StopReason = 'eogToken' | 'stopGenerationTrigger' | 'maxTokens' | 'abort' | 'customStopTrigger';

/** Default output budget when the caller sets none: small models ramble until their context fills. */
const defaultMaxTokens = 256;

/**
 * A GGUF model run in this process by llama.cpp, behind the AI SDK's language model specification.
 * Text in, text out: tools and JSON-schema output are refused with UnsupportedFunctionalityError.
 * Token usage is exact (the model's own tokenizer), never estimated.
 */
export class GgufLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly supportedUrls = {};

  constructor(
    readonly provider: string,
    readonly modelId: string,
    private readonly load: () => Promise<LoadedGguf>,
  ) {}

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    refuseUnsupported(options);
    const loaded = await this.load();
    const result = await loaded.exclusive(() => generate(loaded, options));
    return {
      content: [{ type: 'text', text: result.text }],
      finishReason: finishReason(result.stopReason),
      usage: usage(result.inputTokens, result.outputTokens),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    refuseUnsupported(options);
    const loaded = await this.load();
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start: (controller) => {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'text-start', id: '0' });
        loaded
          .exclusive(() =>
            generate(loaded, options, (delta) => controller.enqueue({ type: 'text-delta', id: '0', delta })),
          )
          .then((result) => {
            controller.enqueue({ type: 'text-end', id: '0' });
            controller.enqueue({
              type: 'finish',
              finishReason: finishReason(result.stopReason),
              usage: usage(result.inputTokens, result.outputTokens),
            });
            controller.close();
          })
          .catch((error: unknown) => {
            controller.enqueue({ type: 'error', error });
            controller.close();
          });
      },
    });
    return { stream };
  }
}

function refuseUnsupported(options: LanguageModelV3CallOptions) {
  if (options.tools && options.tools.length > 0) {
    throw new UnsupportedFunctionalityError({ functionality: 'tool calling with in-process GGUF models' });
  }
  if (options.responseFormat?.type === 'json') {
    throw new UnsupportedFunctionalityError({ functionality: 'JSON output with in-process GGUF models' });
  }
}

interface Generated {
  text: string;
  stopReason: StopReason;
  inputTokens: number;
  outputTokens: number;
}

async function generate(
  loaded: LoadedGguf,
  options: LanguageModelV3CallOptions,
  onText?: (delta: string) => void,
): Promise<Generated> {
  const { LlamaCompletion } = await import('node-llama-cpp');
  const input = await renderPrompt(loaded, options.prompt);
  const sequence = loaded.context.getSequence();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  let outputTokens = 0;
  try {
    const { response, metadata } = await completion.generateCompletionWithMeta(input.tokens, {
      maxTokens: options.maxOutputTokens ?? defaultMaxTokens,
      temperature: options.temperature ?? 0,
      topK: options.topK,
      topP: options.topP,
      seed: options.seed,
      signal: options.abortSignal,
      stopOnAbortSignal: true,
      customStopTriggers: [...(options.stopSequences ?? []), ...input.stopTriggers],
      onToken: (tokens) => {
        outputTokens += tokens.length;
      },
      onTextChunk: onText,
    });
    return {
      text: response,
      stopReason: metadata.stopReason,
      inputTokens: input.tokens.length,
      outputTokens,
    };
  } finally {
    completion.dispose({ disposeSequence: true });
  }
}

/**
 * The prompt as tokens: through the model's chat template when it has one, else the messages' text one
 * per line (base models such as story generators simply continue it).
 */
async function renderPrompt(
  loaded: LoadedGguf,
  prompt: LanguageModelV3Prompt,
): Promise<{ tokens: Token[]; stopTriggers: string[] }> {
  const { model } = loaded;
  if (typeof model.fileInfo.metadata.tokenizer?.chat_template === 'string') {
    const { resolveChatWrapper } = await import('node-llama-cpp');
    const wrapper = resolveChatWrapper(model);
    const history = prompt.map((message) =>
      message.role === 'system'
        ? { type: 'system' as const, text: message.content }
        : message.role === 'assistant'
          ? { type: 'model' as const, response: [messageText(message.content)] }
          : { type: 'user' as const, text: messageText(message.content) },
    );
    history.push({ type: 'model', response: [] });
    const state = wrapper.generateContextState({ chatHistory: history });
    return { tokens: state.contextText.tokenize(model.tokenizer), stopTriggers: [] };
  }
  const text = prompt
    .map((message) => (message.role === 'system' ? message.content : messageText(message.content)))
    .join('\n');
  return { tokens: model.tokenize(text), stopTriggers: [] };
}

function messageText(content: LanguageModelV3Prompt[number]['content']): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part.type === 'text' || part.type === 'reasoning' ? part.text : ''))
    .filter(Boolean)
    .join('\n');
}

function finishReason(stopReason: StopReason): LanguageModelV3FinishReason {
  const unified = stopReason === 'maxTokens' ? 'length' : stopReason === 'abort' ? 'other' : 'stop';
  return { unified, raw: stopReason };
}

function usage(input: number, output: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}
