import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SextantError } from '@sextant/core';
import { type EvalConfig, evalConfigSchema, suiteProblems } from '@sextant/core/gates';
import { parse as parseYaml } from 'yaml';

/** Config files looked for, in order, when `--config` is not given. */
export const defaultConfigNames = [
  'sextant.eval.yaml',
  'sextant.eval.yml',
  'sextant.eval.mjs',
  'sextant.eval.js',
];

/** A parsed config and the folder its relative paths (modules, files) are resolved from. */
export interface LoadedEvalConfig {
  config: EvalConfig;
  file: string;
  directory: string;
}

function findConfig(explicit: string | undefined, cwd: string): string {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new SextantError('bad_request', `config file ${explicit} does not exist`);
    return file;
  }
  const found = defaultConfigNames.map((name) => path.join(cwd, name)).find((file) => fs.existsSync(file));
  if (!found) {
    throw new SextantError(
      'bad_request',
      `no eval config in ${cwd}: create sextant.eval.yaml (see examples/github-actions/) or pass --config FILE`,
    );
  }
  return found;
}

async function readRaw(file: string): Promise<unknown> {
  const extension = path.extname(file);
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') {
    // Node 20 cannot import TypeScript, and a transpiler would be one more dependency for every CI job.
    throw new SextantError(
      'bad_request',
      `${path.basename(file)}: TypeScript configs are not loaded directly; compile it to .mjs (tsc) and pass --config sextant.eval.mjs, or write sextant.eval.yaml`,
    );
  }
  if (extension === '.mjs' || extension === '.js') {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (module.default === undefined) {
      throw new SextantError(
        'bad_request',
        `${path.basename(file)} has no default export; export default { suites: [...] }`,
      );
    }
    return module.default;
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    return extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SextantError(
      'bad_request',
      `${path.basename(file)} is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
}

/** Reads, validates and checks an eval config; every problem is reported at once, with its path. */
export async function loadEvalConfig(
  explicit: string | undefined,
  cwd = process.cwd(),
): Promise<LoadedEvalConfig> {
  const file = findConfig(explicit, cwd);
  const parsed = evalConfigSchema.safeParse(await readRaw(file));
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new SextantError(
      'bad_request',
      `${path.basename(file)} is not a valid eval config:\n${issues.join('\n')}`,
    );
  }
  const problems = parsed.data.suites.flatMap(suiteProblems);
  const names = parsed.data.suites.map((suite) => suite.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) problems.push(`suite name '${duplicate}' is used twice; suite names must be unique`);
  if (problems.length > 0) {
    throw new SextantError(
      'bad_request',
      `${path.basename(file)}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
    );
  }
  return { config: parsed.data, file, directory: path.dirname(file) };
}
