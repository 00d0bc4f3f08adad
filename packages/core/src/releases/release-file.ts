import { parse } from 'yaml';
import { fail, ok, type Result } from '../result.js';

/**
 * Reads a release definition written as YAML (or JSON, which is YAML too): `prompts`, `models`,
 * `parameters`, `retriever`, `tools`, `config`, `description`. The schema is applied by the caller.
 * @example readReleaseFile('prompts:\n  greet: production\nretriever:\n  top_k: 5\n')
 */
export function readReleaseFile(text: string): Result<Record<string, unknown>, string> {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: false, uniqueKeys: true, maxAliasCount: 50 });
  } catch (error) {
    const position = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = position ? ` at ${position.line}:${position.col}` : '';
    return fail(`not valid YAML${where}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return ok({});
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail(
      'a release file holds keys such as prompts:, models:, parameters:, retriever:, tools: and config:',
    );
  }
  return ok(value as Record<string, unknown>);
}
