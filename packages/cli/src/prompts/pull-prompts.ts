import fs from 'node:fs';
import path from 'node:path';
import { contentHash, promptFileName, SextantError, serializePromptFile } from '@sextant/core';
import { type ApiRequest, resourcePath } from '../registry-client.js';
import { findPromptFiles, readLocalPrompt } from './prompt-files.js';
import type { PromptVersionJson } from './registry-json.js';

export interface PullOptions {
  directory: string;
  /** Only these prompts; default all. */
  names: readonly string[];
  /** Which version to write: a label or `latest` (default). */
  label: string;
  /** Overwrite files whose content is in no registry version (local edits not pushed yet). */
  force?: boolean;
}

/**
 * Writes registry versions to prompt files: into the file that already defines the prompt, or a new
 * `NAME.prompt.md`. Refuses to overwrite local edits that were never pushed unless forced. Returns false
 * when anything was refused or failed.
 */
export async function pullPrompts(api: ApiRequest, options: PullOptions, report: (line: string) => void) {
  fs.mkdirSync(options.directory, { recursive: true });
  const existing = new Map<string, ReturnType<typeof readLocalPrompt>>();
  for (const file of findPromptFiles(options.directory)) {
    const local = readLocalPrompt(file);
    if (local.name) existing.set(local.name, local);
  }
  const { prompts } = await api<{ prompts: { name: string; labels: Record<string, number> }[] }>(
    'GET',
    '/api/prompts',
  );
  const names = options.names.length > 0 ? options.names : prompts.map((prompt) => prompt.name);
  let ok = true;
  for (const name of names) {
    try {
      const result = await pullOne(api, name, options, existing.get(name));
      if (result.startsWith('refused')) ok = false;
      report(`${name}: ${result}`);
    } catch (error) {
      if (!(error instanceof SextantError)) throw error;
      ok = false;
      report(`${name}: not pulled: ${error.message}`);
    }
  }
  return ok;
}

async function pullOne(
  api: ApiRequest,
  name: string,
  options: PullOptions,
  local: ReturnType<typeof readLocalPrompt> | undefined,
): Promise<string> {
  const remote = await api<PromptVersionJson>(
    'GET',
    `${resourcePath('prompts', name)}?label=${encodeURIComponent(options.label)}`,
  );
  const file = local?.file ?? path.join(options.directory, promptFileName(name));
  const shown = path.relative(process.cwd(), file) || file;
  if (local?.definition) {
    const localHash = await contentHash(local.definition);
    if (localHash === remote.contentHash) return `unchanged (version ${remote.version}) in ${shown}`;
    if (!options.force && !(await isRegistryContent(api, name, localHash))) {
      return `refused: ${shown} has changes that are in no registry version; push them first, or pass --force to overwrite`;
    }
  }
  fs.writeFileSync(file, serializePromptFile(name, remote.definition));
  return `wrote version ${remote.version} to ${shown}`;
}

async function isRegistryContent(api: ApiRequest, name: string, hash: string): Promise<boolean> {
  const { versions } = await api<{ versions: PromptVersionJson[] }>(
    'GET',
    `${resourcePath('prompts', name, 'versions')}?limit=500`,
  );
  return versions.some((version) => version.contentHash === hash);
}
