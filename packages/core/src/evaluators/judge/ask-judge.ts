import { SextantError } from '../../errors.js';
import { compilePrompt } from '../../prompts/compile-prompt.js';
import { contentHash } from '../../prompts/content-hash.js';
import type { PromptDefinition } from '../../prompts/prompt-definition.js';
import type { Result } from '../../result.js';
import type { JudgeMessage, JudgeModel } from './judge-model.js';
import { JudgeVerdictError } from './parse-verdict.js';

/** A judge prompt with the names it is known by in errors. */
export interface JudgePrompt {
  definition: PromptDefinition;
  /** What the judge calls this prompt in messages: 'claim support prompt'. */
  role: string;
}

/**
 * Checks that a (possibly user-supplied) judge prompt needs no variable the judge cannot give it, so a
 * bad prompt fails when the evaluator is created rather than on every item.
 */
export function checkJudgePrompt(prompt: JudgePrompt, supplied: readonly string[]): void {
  const missing = prompt.definition.variables
    .filter((variable) => variable.required && variable.default === undefined)
    .filter((variable) => !supplied.includes(variable.name))
    .map((variable) => `'${variable.name}'`);
  if (missing.length > 0) {
    throw new SextantError(
      'bad_request',
      `the ${prompt.role} requires ${missing.join(', ')}, which the judge does not supply; ` +
        `it can use ${supplied.map((name) => `'${name}'`).join(', ')}`,
    );
  }
}

/**
 * Renders a judge prompt, sends it to the judge model and parses the reply. Values the prompt does not
 * declare are left out, so an edited prompt may use fewer variables. A reply without a verdict throws a
 * JudgeVerdictError quoting it.
 */
export async function askJudge<T>(
  model: JudgeModel,
  prompt: JudgePrompt,
  values: Record<string, unknown>,
  parse: (reply: string) => Result<T, string>,
): Promise<{ verdict: T; reply: string }> {
  const declared = new Set(prompt.definition.variables.map((variable) => variable.name));
  const used = Object.fromEntries(Object.entries(values).filter(([name]) => declared.has(name)));
  const compiled = compilePrompt(prompt.definition, used);
  if (!compiled.success) throw new SextantError('bad_request', `the ${prompt.role}: ${compiled.error}`);
  const messages: JudgeMessage[] =
    compiled.value.type === 'text'
      ? [{ role: 'user', content: compiled.value.text }]
      : compiled.value.messages;
  const reply = await model.generate(messages);
  const parsed = parse(reply);
  if (!parsed.success) throw new JudgeVerdictError(`${model.id}: ${parsed.error}`, reply);
  return { verdict: parsed.value, reply };
}

/**
 * A judge's version: a short hash of its prompts' content hashes (as the prompt registry computes them),
 * the model id and its settings. Editing a prompt, switching models or changing the rubric changes it.
 */
export async function judgeVersion(
  prompts: readonly JudgePrompt[],
  modelId: string,
  settings: Record<string, unknown>,
): Promise<{ version: string; promptHashes: string[] }> {
  const promptHashes = await Promise.all(prompts.map((prompt) => contentHash(prompt.definition)));
  const hash = await contentHash({ prompts: promptHashes, model: modelId, settings });
  return { version: hash.slice('sha256:'.length, 'sha256:'.length + 12), promptHashes };
}
