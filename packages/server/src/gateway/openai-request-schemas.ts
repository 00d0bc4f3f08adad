import { z } from 'zod';

const contentPartSchema = z.looseObject({ type: z.string() });

/** One chat message as OpenAI's API accepts it; unknown fields pass through to the upstream. */
export const chatMessageRequestSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z
    .array(
      z.looseObject({
        id: z.string(),
        type: z.literal('function').optional(),
        function: z.looseObject({ name: z.string(), arguments: z.string() }),
      }),
    )
    .optional(),
});
export type ChatMessageRequest = z.infer<typeof chatMessageRequestSchema>;

const toolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

/**
 * `POST /v1/chat/completions` as OpenAI defines it. Only what the gateway reads is checked; everything
 * else is forwarded untouched to OpenAI-compatible upstreams.
 */
export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessageRequestSchema).min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
    ])
    .optional(),
  response_format: z
    .looseObject({
      type: z.enum(['text', 'json_object', 'json_schema']),
      json_schema: z
        .looseObject({
          name: z.string(),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
        })
        .optional(),
    })
    .optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  seed: z.number().int().nullable().optional(),
  presence_penalty: z.number().nullable().optional(),
  frequency_penalty: z.number().nullable().optional(),
  n: z.number().int().min(1).max(1, 'n > 1 is not supported by the gateway').nullable().optional(),
  user: z.string().optional(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/**
 * A chat request whose `model` is a prompt reference (`prompt:NAME@LABEL`). `messages` are optional
 * (they follow the prompt's); `variables` fill the prompt's template: sent top-level (`extra_body` in
 * OpenAI's Python client), or JSON-encoded as `metadata.variables` for clients whose metadata holds strings.
 */
export const promptChatRequestSchema = chatCompletionRequestSchema.extend({
  messages: z.array(chatMessageRequestSchema).default([]),
  variables: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type PromptChatRequest = z.infer<typeof promptChatRequestSchema>;

/** `POST /v1/embeddings` as OpenAI defines it. */
export const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int())).min(1),
  ]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});
export type EmbeddingRequest = z.infer<typeof embeddingRequestSchema>;

/** "messages.0.role: Invalid option..." — the first problems, each naming its field. */
export function describeRequestIssues(error: z.ZodError): { message: string; param: string | null } {
  const issues = error.issues.slice(0, 3);
  const param = issues[0]?.path.map(String).join('.') || null;
  const message = issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  return { message, param };
}
