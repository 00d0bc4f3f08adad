import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { listPrompts, listVersions, renderPrompt } from '../api/registry-api';
import type { PromptMessage, PromptVersion } from '../api/registry-types';
import { useResource } from '../api/use-resource';
import {
  draftOf,
  draftVariables,
  type PromptDraft,
  renderDraft,
  sameDraft,
  scratchDraft,
} from './prompt-draft';

/**
 * The prompt the playground works on: the chosen version (default: the newest) as its base, and the draft
 * edited from it. `name` null is a scratch prompt that exists only in the page until saved.
 */
export function usePlaygroundPrompt(client: ApiClient, name: string | null, requestedVersion: number | null) {
  const prompts = useResource('playground-prompts', (signal) => listPrompts(client, signal));
  const versions = useResource(`playground-versions:${name}`, (signal) =>
    name ? listVersions<PromptVersion>(client, 'prompts', name, signal) : Promise.resolve({ versions: [] }),
  );
  const list = versions.data?.versions ?? [];
  const base = name
    ? (list.find((version) => version.version === requestedVersion) ?? list[0] ?? null)
    : null;
  const baseKey = `${name}@${base?.version ?? 'scratch'}`;
  const baseDraft = base ? draftOf(base.definition) : scratchDraft;
  // The draft belongs to one base: choosing another version starts again from that version.
  const [state, setState] = useState<{ key: string; draft: PromptDraft } | null>(null);
  const draft = state?.key === baseKey ? state.draft : baseDraft;
  const edited = !base || !sameDraft(draft, baseDraft);
  const declared = base?.definition.variables ?? [];
  const variables = edited ? draftVariables(draft, declared) : declared;

  /** The messages to send: the server renders a saved version; an edited draft is rendered here. */
  const render = async (values: Record<string, unknown>): Promise<PromptMessage[]> => {
    if (base && name && !edited) {
      const rendered = await renderPrompt(client, name, base.version, values);
      return rendered.compiled.type === 'chat'
        ? rendered.compiled.messages
        : [{ role: 'user', content: rendered.compiled.text }];
    }
    const rendered = renderDraft(draft, variables, values);
    if (!rendered.success) throw new Error(rendered.error);
    return rendered.messages;
  };

  return {
    prompts,
    versions: list,
    versionsError: versions.error,
    loading: name !== null && versions.status === 'loading' && !versions.data,
    base,
    latestVersion: list[0]?.version ?? null,
    draft,
    setDraft: (next: PromptDraft) => setState({ key: baseKey, draft: next }),
    reset: () => setState(null),
    edited,
    declared,
    variables,
    render,
    reloadVersions: versions.reload,
  };
}
