import { z } from 'zod';
import { variableNameSchema } from './prompt-names.js';

/** Size limits of one prompt version, so a registry stays fast to read and cheap to cache. */
export const promptLimits = {
  /** Characters of template text, the text template or all chat messages together. */
  maxTemplateCharacters: 100_000,
  maxMessages: 100,
  maxVariables: 100,
} as const;

export const promptVariableTypeSchema = z.enum(['string', 'number', 'boolean', 'json']);
export type PromptVariableType = z.infer<typeof promptVariableTypeSchema>;

/** A typed template variable; `required` ones without a `default` must be given to `compile`. */
export const promptVariableSchema = z.strictObject({
  name: variableNameSchema,
  type: promptVariableTypeSchema.default('string'),
  required: z.boolean().default(true),
  /** Used when `compile` is not given the variable; must match `type`. */
  default: z.unknown().optional(),
  description: z.string().max(2000).optional(),
});
export type PromptVariable = z.infer<typeof promptVariableSchema>;
export type PromptVariableInput = z.input<typeof promptVariableSchema>;

export const promptRoleSchema = z.enum(['system', 'developer', 'user', 'assistant']);
export type PromptRole = z.infer<typeof promptRoleSchema>;

/** One message of a chat prompt; `content` is a template. */
export const promptMessageSchema = z.strictObject({ role: promptRoleSchema, content: z.string() });
export type PromptMessage = z.infer<typeof promptMessageSchema>;

const boundedNumber = (name: string, min: number, max: number) =>
  z.number().min(min, `${name} is at least ${min}`).max(max, `${name} is at most ${max}`).optional();

/** Model parameters; the common ones are checked, the rest pass through to the provider. */
export const modelParametersSchema = z.looseObject({
  temperature: boundedNumber('temperature', 0, 2),
  top_p: boundedNumber('top_p', 0, 1),
  max_tokens: z.number().int().positive('max_tokens is a positive whole number').optional(),
});

/** The model configuration attached to a prompt version. */
export const modelConfigSchema = z.strictObject({
  /** A catalog id (`openai/gpt-4o-mini`), an alias, or null to leave the choice to the caller. */
  model: z.string().min(1).max(200).nullable().default(null),
  parameters: modelParametersSchema.default({}),
  /** Tool definitions in the OpenAI function-tool shape. */
  tools: z.array(z.record(z.string(), z.unknown())).max(128).default([]),
  /** JSON schema the response must follow (structured output), or null. */
  responseSchema: z.record(z.string(), z.unknown()).nullable().default(null),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;

const common = {
  description: z.string().max(2000).default(''),
  config: modelConfigSchema.default({ model: null, parameters: {}, tools: [], responseSchema: null }),
};

/**
 * A prompt as clients send it. Without `variables`, they are inferred from the template (plain uses
 * become required strings, `{{#each}}` lists json, `{{#if}}`-only optional booleans); with them, every
 * variable used must be declared and every declared one used.
 */
export const promptDefinitionInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('text'),
    template: z.string(),
    variables: z.array(promptVariableSchema).max(promptLimits.maxVariables).optional(),
    ...common,
  }),
  z.strictObject({
    type: z.literal('chat'),
    messages: z
      .array(promptMessageSchema)
      .min(1, 'a chat prompt needs at least one message')
      .max(promptLimits.maxMessages),
    variables: z.array(promptVariableSchema).max(promptLimits.maxVariables).optional(),
    ...common,
  }),
]);
export type PromptDefinitionInput = z.input<typeof promptDefinitionInputSchema>;

/** A prompt version's content, with every field explicit: what is hashed, stored and diffed. */
export const promptDefinitionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('text'),
    template: z.string(),
    variables: z.array(promptVariableSchema),
    ...common,
  }),
  z.strictObject({
    type: z.literal('chat'),
    messages: z.array(promptMessageSchema),
    variables: z.array(promptVariableSchema),
    ...common,
  }),
]);
export type PromptDefinition = z.infer<typeof promptDefinitionSchema>;

/** The templates of a definition, each with where it lives, in order. */
export function promptTemplates(
  definition: Pick<PromptDefinition, 'type'> & { template?: string; messages?: readonly PromptMessage[] },
): { part: 'template' | 'message'; index: number; role: PromptRole | null; text: string }[] {
  if (definition.type === 'text') {
    return [{ part: 'template', index: 0, role: null, text: definition.template ?? '' }];
  }
  return (definition.messages ?? []).map((message, index) => ({
    part: 'message',
    index,
    role: message.role,
    text: message.content,
  }));
}
