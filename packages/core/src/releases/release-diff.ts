import { diffableText, diffSections, type VersionDiff } from '../prompts/version-diff.js';
import type { ReleaseDefinition } from './release-definition.js';

/**
 * What changed between two releases, part by part (prompt versions, models, parameters, retriever,
 * tools, config, description), each as a line diff.
 */
export function diffReleases(before: ReleaseDefinition, after: ReleaseDefinition): VersionDiff {
  const parts = ['prompts', 'models', 'parameters', 'retriever', 'tools', 'config'] as const;
  return diffSections([
    ...parts.map((name) => ({ name, before: diffableText(before[name]), after: diffableText(after[name]) })),
    { name: 'description', before: before.description, after: after.description },
  ]);
}
