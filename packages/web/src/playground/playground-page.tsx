import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { toApiError } from '../api/api-error';
import { listAliases, listModels } from '../api/models-api';
import type { PromptMessage } from '../api/registry-types';
import { useResource } from '../api/use-resource';
import { ModelPicker } from '../models/model-picker';
import { useApiClient, useAuth } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, primaryButtonClass, selectClass } from '../ui/controls';
import { useParamUpdater } from '../ui/use-param-updater';
import { IdleColumn, Panel, SentMessages } from './playground-parts';
import { definitionOf } from './prompt-draft';
import { RunColumn } from './run-column';
import { SaveVersionForm } from './save-version-form';
import { ParametersEditor, TemplateEditor } from './template-editor';
import { useModelRuns } from './use-model-runs';
import { usePlaygroundPrompt } from './use-playground-prompt';
import { parseValues, type RawValues, VariablesForm } from './variables-form';

/**
 * Develop › Playground: a prompt version (or an edit of it) with its variables filled in, run against several
 * models side by side through the gateway, streamed; then saved as a new version. Ctrl+Enter runs.
 */
export function PlaygroundPage() {
  const client = useApiClient();
  const { state } = useAuth();
  const apiKey = state.status === 'ready' ? state.key : '';
  const [params, update] = useParamUpdater();
  const name = params.get('prompt') || null;
  const prompt = usePlaygroundPrompt(client, name, Number(params.get('version')) || null);
  const garden = useResource('playground-models', (signal) => listModels(client, {}, signal));
  const aliases = useResource('playground-aliases', (signal) => listAliases(client, signal));
  const pricing = useMemo(() => {
    const byId = new Map((garden.data?.models ?? []).map((model) => [model.id, model.pricing]));
    return (id: string) => byId.get(id) ?? null;
  }, [garden.data]);
  const runs = useModelRuns(client, apiKey, pricing);
  const [raw, setRaw] = useState<RawValues>({});
  const [runError, setRunError] = useState<string | null>(null);
  const [sent, setSent] = useState<PromptMessage[] | null>(null);

  const modelsParam = params.get('models');
  const defaultModel = prompt.base?.definition.config.model;
  const models =
    modelsParam !== null ? modelsParam.split(',').filter(Boolean) : defaultModel ? [defaultModel] : [];
  const setModels = (next: string[]) => update({ models: next.join(',') || ',' });
  const parsed = parseValues(prompt.variables, raw);

  const run = useCallback(async () => {
    setRunError(null);
    if (Object.keys(parsed.errors).length > 0) return setRunError('Fix the variables marked in red first.');
    if (models.length === 0) return setRunError('Add at least one model to run the prompt against.');
    try {
      // Rendering first names a missing variable once, not once per model, and shows what is sent.
      const messages = await prompt.render(parsed.values);
      setSent(messages);
      // A saved version goes to the gateway as a prompt reference, so each span links to the version.
      const reference =
        name && prompt.base && !prompt.edited ? `prompt:${name}@${prompt.base.version}` : null;
      runs.run({
        models,
        prompt: reference,
        variables: parsed.values,
        messages,
        parameters: prompt.draft.parameters,
        headers: { 'x-sextant-tags': 'playground' },
      });
    } catch (error) {
      setRunError(toApiError(error).message);
    }
  }, [parsed, models, prompt, name, runs]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      } else if (event.key === 'Escape' && runs.running) runs.stop();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [run, runs]);

  const pickerOptions = [
    ...(aliases.data?.aliases ?? []).map((alias) => ({
      id: alias.name,
      hint: `alias → ${alias.targets.join(', ')}`,
    })),
    ...(garden.data?.models ?? []).map((model) => ({ id: model.id, hint: model.name })),
  ];
  const shownRuns = models.map((model) => runs.runs.find((item) => item.model === model) ?? null);
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-2 border-slate-200 border-b bg-white px-4 pt-3 pb-2 text-sm">
        <h1 className="mr-2 font-semibold text-lg">Playground</h1>
        <select
          aria-label="Prompt"
          value={name ?? ''}
          onChange={(event) => update({ prompt: event.target.value, version: '' })}
          className={selectClass}
        >
          <option value="">New prompt (scratch)</option>
          {prompt.prompts.data?.prompts.map((item) => (
            <option key={item.name} value={item.name}>
              {item.name}
            </option>
          ))}
        </select>
        {name && (
          <select
            aria-label="Version"
            value={prompt.base?.version ?? ''}
            onChange={(event) => update({ version: event.target.value })}
            className={selectClass}
          >
            {prompt.versions.map((version) => (
              <option key={version.version} value={version.version}>
                v{version.version}
                {version.labels.length > 0 ? ` · ${version.labels.join(', ')}` : ''}
              </option>
            ))}
          </select>
        )}
        {name && prompt.base && (
          <Link
            href={`/prompts/${encodeURIComponent(name)}?version=${prompt.base.version}`}
            className="text-indigo-700 hover:underline"
          >
            history
          </Link>
        )}
        {name && prompt.edited && (
          <>
            <span className="rounded bg-amber-50 px-1.5 text-amber-800 text-xs" data-testid="edited-badge">
              edited: rendered in the browser until saved
            </span>
            <button type="button" onClick={prompt.reset} className="text-slate-500 text-xs hover:underline">
              reset
            </button>
          </>
        )}
        <div className="ml-auto flex items-center gap-2">
          {runs.running && (
            <button type="button" onClick={runs.stop} className={buttonClass}>
              Stop <kbd className="text-[10px] opacity-70">Esc</kbd>
            </button>
          )}
          <button type="button" onClick={run} disabled={runs.running} className={primaryButtonClass}>
            Run {models.length > 1 ? `${models.length} models` : ''}{' '}
            <kbd className="text-[10px] opacity-70">Ctrl+Enter</kbd>
          </button>
        </div>
      </div>
      {prompt.versionsError && <ErrorPanel error={prompt.versionsError} />}
      <div className="flex min-h-0 flex-1">
        <div className="w-[34rem] shrink-0 space-y-4 overflow-auto border-slate-200 border-r bg-slate-50 p-4">
          {prompt.loading ? (
            <p className="text-slate-500 text-sm">Loading prompt…</p>
          ) : (
            <>
              <Panel title="Variables">
                <VariablesForm
                  variables={prompt.variables}
                  declared={new Set(prompt.declared.map((variable) => variable.name))}
                  raw={raw}
                  errors={parsed.errors}
                  onChange={(variable, value) => setRaw((current) => ({ ...current, [variable]: value }))}
                />
              </Panel>
              <Panel title={prompt.draft.type === 'chat' ? 'Messages' : 'Template'}>
                <TemplateEditor draft={prompt.draft} onChange={prompt.setDraft} />
              </Panel>
              <Panel title="Parameters">
                <ParametersEditor draft={prompt.draft} onChange={prompt.setDraft} />
              </Panel>
            </>
          )}
          {/* Kept mounted while a just-saved prompt loads, so its outcome stays on screen. */}
          <Panel title="Save as a new version">
            <SaveVersionForm
              name={name}
              definition={definitionOf(prompt.draft, prompt.variables, prompt.base?.definition ?? null)}
              latestVersion={prompt.latestVersion}
              disabled={name !== null && !prompt.edited}
              onSaved={(savedName, version) => {
                update({ prompt: savedName, version: String(version) });
                prompt.reloadVersions();
                prompt.prompts.reload(); // a new prompt joins the picker
              }}
              onRefresh={prompt.reloadVersions}
            />
          </Panel>
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex flex-wrap items-center gap-2 border-slate-200 border-b bg-white px-4 py-2 text-sm">
            <span className="text-slate-500">Models</span>
            {models.map((model) => (
              <span
                key={model}
                className="rounded bg-slate-100 px-1.5 font-mono text-xs"
                data-testid="chosen-model"
              >
                {model}
              </span>
            ))}
            <ModelPicker
              label="Add a model"
              options={pickerOptions}
              exclude={models}
              onPick={(id) => setModels([...models, id])}
            />
          </div>
          {runError && (
            <p
              role="alert"
              className="mx-4 mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-900 text-sm"
            >
              {runError}
            </p>
          )}
          {sent && <SentMessages messages={sent} />}
          <div
            className="grid min-h-0 flex-1 auto-rows-fr gap-3 overflow-auto p-4"
            style={{ gridTemplateColumns: `repeat(${Math.max(1, models.length)}, minmax(16rem, 1fr))` }}
          >
            {models.length === 0 && (
              <p className="text-slate-500 text-sm">Add models above to run the prompt against.</p>
            )}
            {models.map((model, index) => {
              const result = shownRuns[index];
              const remove = () => setModels(models.filter((item) => item !== model));
              return result ? (
                <RunColumn key={model} run={result} onRemove={remove} />
              ) : (
                <IdleColumn key={model} model={model} onRemove={remove} />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
