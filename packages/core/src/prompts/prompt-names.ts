import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';

/** Names of prompts and releases: safe in URLs, file names and `prompt:NAME@LABEL` references. */
export const registryNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    "a name is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. support-greeting)",
  );

/** The label every version-less read resolves to, as in Langfuse: what production runs. */
export const defaultLabel = 'production';

/** A read-only label that always points at the newest version; it cannot be moved. */
export const latestLabel = 'latest';

/** Labels are movable pointers (`production`, `staging`, ...); never only digits, so `@3` is always a version. */
export const labelNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,49}$/,
    "a label is 1-50 lowercase letters, digits, '.', '_' or '-' (e.g. production, staging)",
  )
  .refine((label) => !/^\d+$/.test(label), 'a label cannot be only digits (that reads as a version number)');

/** Template variable names: what `{{name}}` can refer to. */
export const variableNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'a variable name is letters, digits and underscores, starting with a letter',
  );

/** Which version of a prompt or release to read. */
export type VersionSelector = { label: string } | { version: number };

/** A parsed `prompt:NAME@LABEL` / `prompt:NAME@VERSION` reference. */
export interface PromptReference {
  name: string;
  selector: VersionSelector;
}

/**
 * Parses the reference the gateway accepts as a model: `prompt:NAME` (the `production` label),
 * `prompt:NAME@LABEL` or `prompt:NAME@VERSION`.
 * @example parsePromptReference('prompt:greet@staging') // ok({ name: 'greet', selector: { label: 'staging' } })
 */
export function parsePromptReference(reference: string): Result<PromptReference, string> {
  return parseRegistryReference('prompt', reference);
}

/**
 * Parses a release reference the gateway accepts as a model: `release:NAME` (the `production` label),
 * `release:NAME@LABEL` or `release:NAME@VERSION`.
 * @example parseReleaseReference('release:support-bot@3') // ok({ name: 'support-bot', selector: { version: 3 } })
 */
export function parseReleaseReference(reference: string): Result<PromptReference, string> {
  return parseRegistryReference('release', reference);
}

function parseRegistryReference(
  kind: 'prompt' | 'release',
  reference: string,
): Result<PromptReference, string> {
  const match = new RegExp(`^${kind}:([^@]+)(?:@(.+))?$`).exec(reference.trim());
  if (!match) {
    return fail(
      `'${reference}' is not a ${kind} reference; write ${kind}:NAME, ${kind}:NAME@LABEL or ${kind}:NAME@3`,
    );
  }
  const name = match[1] ?? '';
  const suffix = match[2];
  const checkedName = registryNameSchema.safeParse(name);
  if (!checkedName.success)
    return fail(`'${name}' in '${reference}': ${checkedName.error.issues[0]?.message}`);
  if (suffix === undefined) return ok({ name, selector: { label: defaultLabel } });
  if (/^\d+$/.test(suffix)) {
    const version = Number(suffix);
    if (version < 1) return fail(`version in '${reference}' must be 1 or more`);
    return ok({ name, selector: { version } });
  }
  if (suffix === latestLabel) return ok({ name, selector: { label: latestLabel } });
  const checkedLabel = labelNameSchema.safeParse(suffix);
  if (!checkedLabel.success)
    return fail(`'${suffix}' in '${reference}': ${checkedLabel.error.issues[0]?.message}`);
  return ok({ name, selector: { label: suffix } });
}

/** `greet@production`, `greet@3`: how a selector reads in messages. */
export function describeSelector(name: string, selector: VersionSelector): string {
  return 'version' in selector ? `${name}@${selector.version}` : `${name}@${selector.label}`;
}
