import fs from 'node:fs';
import path from 'node:path';
import {
  type ModelChecker,
  type PromptFile,
  type PromptFileProblem,
  promptFileSuffix,
  readPromptFile,
  SextantError,
} from '@sextant/core';

/** A prompt file as read from disk and checked. */
export interface LocalPrompt extends PromptFile {
  /** Absolute path. */
  file: string;
  /** As printed: relative to the working directory. */
  displayPath: string;
  text: string;
}

const skipped = new Set(['node_modules', 'dist']);

/** Every `*.prompt.md` under `directory`, sorted; skips node_modules, dist and dot folders. */
export function findPromptFiles(directory: string): string[] {
  const root = path.resolve(directory);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SextantError(
      'not_found',
      `no folder '${directory}'; pass the folder of your *${promptFileSuffix} files`,
    );
  }
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || skipped.has(entry.name)) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(promptFileSuffix)) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/** Reads and checks every prompt file under `directory`; two files naming the same prompt is a problem too. */
export function readPromptFiles(directory: string, checkModel?: ModelChecker): LocalPrompt[] {
  const prompts = findPromptFiles(directory).map((file) => readLocalPrompt(file, checkModel));
  const byName = new Map<string, LocalPrompt>();
  for (const prompt of prompts) {
    if (!prompt.name) continue;
    const first = byName.get(prompt.name);
    if (first) {
      prompt.problems.push({
        line: 1,
        column: 1,
        code: 'file',
        message: `prompt '${prompt.name}' is also defined in ${first.displayPath}; each prompt lives in one file`,
      });
    } else {
      byName.set(prompt.name, prompt);
    }
  }
  return prompts;
}

export function readLocalPrompt(file: string, checkModel?: ModelChecker): LocalPrompt {
  const text = fs.readFileSync(file, 'utf8');
  const displayPath = path.relative(process.cwd(), file) || file;
  return { ...readPromptFile(text, { fileName: file, checkModel }), file, displayPath, text };
}

/** `prompts/greet.prompt.md:14:3: message (code)`: the form editors and CI annotations understand. */
export function formatProblem(displayPath: string, problem: PromptFileProblem): string {
  return `${displayPath}:${problem.line}:${problem.column}: ${problem.message} (${problem.code})`;
}
