import { stringify } from 'yaml';
import { canonicalJson } from './content-hash.js';
import { type DiffLine, diffLines } from './line-diff.js';

/** The diff of one part of two versions (the template, the variables, the model configuration...). */
export interface DiffSection {
  name: string;
  changed: boolean;
  lines: DiffLine[];
}

/** Two versions compared part by part. */
export interface VersionDiff {
  changed: boolean;
  sections: DiffSection[];
}

/** Line-diffs named pairs of texts into a {@link VersionDiff}. */
export function diffSections(parts: readonly { name: string; before: string; after: string }[]): VersionDiff {
  const sections = parts.map(({ name, before, after }) => {
    const lines = diffLines(before, after);
    return { name, changed: lines.some((line) => line.type !== 'equal'), lines };
  });
  return { changed: sections.some((section) => section.changed), sections };
}

/** Readable, stable text of structured data for diffing: YAML with keys sorted; '' for empty values. */
export function diffableText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.length === 0) return '';
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return '';
  return stringify(JSON.parse(canonicalJson(value)), { lineWidth: 0 }).trimEnd();
}
