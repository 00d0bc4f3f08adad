import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import { toApiError } from '../api/api-error';
import { type AddModelRequest, type Capability, capabilities, type ModelCard } from '../api/model-types';
import { addModels } from '../api/models-api';
import { useApiClient } from '../shell/auth-provider';
import { inputClass, primaryButtonClass } from '../ui/controls';
import { ModelsHeader } from './models-header';

/** Discover › Models › Add model: an OpenAI-compatible endpoint's models, or a GGUF file on the server. */
export function AddModelPage() {
  const client = useApiClient();
  const [added, setAdded] = useState<ModelCard[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (request: AddModelRequest) => {
    setBusy(true);
    setError(null);
    try {
      setAdded((await addModels(client, request)).models);
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex h-full flex-col">
      <ModelsHeader title="Models" />
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {error && (
          <p
            role="alert"
            className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm"
          >
            {error}
          </p>
        )}
        {added.length > 0 && (
          <div
            role="status"
            className="mb-3 rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm"
          >
            Added{' '}
            {added.map((model, index) => (
              <span key={model.id}>
                {index > 0 && ', '}
                <Link
                  href={`/models/${encodeURIComponent(model.id)}`}
                  className="font-mono text-emerald-900 underline"
                >
                  {model.id}
                </Link>
              </span>
            ))}
            . Call {added.length > 1 ? 'them' : 'it'} through the gateway or try{' '}
            <Link
              href={`/playground?models=${added.map((model) => encodeURIComponent(model.id)).join(',')}`}
              className="underline"
            >
              the playground
            </Link>
            .
          </div>
        )}
        <div className="grid gap-4 lg:grid-cols-2">
          <EndpointForm busy={busy} onSubmit={submit} />
          <GgufForm busy={busy} onSubmit={submit} />
        </div>
      </div>
    </div>
  );
}

function EndpointForm({ busy, onSubmit }: { busy: boolean; onSubmit: (request: AddModelRequest) => void }) {
  const [fields, setFields] = useState({
    provider: '',
    baseUrl: '',
    models: '',
    apiKeyEnv: '',
    input: '',
    output: '',
    context: '',
  });
  const [flags, setFlags] = useState<Partial<Record<Capability, boolean>>>({});
  const set = (name: keyof typeof fields) => (value: string) =>
    setFields((current) => ({ ...current, [name]: value }));
  const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = number(fields.input);
    const output = number(fields.output);
    onSubmit({
      type: 'endpoint',
      provider: fields.provider.trim(),
      baseUrl: fields.baseUrl.trim(),
      models: fields.models
        .split(',')
        .map((model) => model.trim())
        .filter(Boolean),
      ...(fields.apiKeyEnv.trim() ? { apiKeyEnv: fields.apiKeyEnv.trim() } : {}),
      ...(input !== undefined || output !== undefined ? { pricing: { input, output } } : {}),
      ...(number(fields.context) !== undefined ? { contextWindow: number(fields.context) } : {}),
      ...(Object.keys(flags).length > 0 ? { capabilities: flags } : {}),
    });
  };
  return (
    <FormCard
      title="OpenAI-compatible endpoint"
      hint="Ollama, vLLM, llama.cpp server, LM Studio, or any /v1 API."
      onSubmit={submit}
    >
      <Field label="Provider id" hint="names the models: provider/model">
        <input
          required
          value={fields.provider}
          onChange={(event) => set('provider')(event.target.value)}
          placeholder="ollama"
          className={inputClass}
        />
      </Field>
      <Field label="Base URL" hint="with its version path">
        <input
          required
          value={fields.baseUrl}
          onChange={(event) => set('baseUrl')(event.target.value)}
          placeholder="http://127.0.0.1:11434/v1"
          className={inputClass}
        />
      </Field>
      <Field label="Model ids" hint="comma-separated, as the endpoint names them">
        <input
          required
          value={fields.models}
          onChange={(event) => set('models')(event.target.value)}
          placeholder="llama3.2, qwen2.5:7b"
          className={inputClass}
        />
      </Field>
      <Field label="API key variable" hint="optional: environment variable on the server">
        <input
          value={fields.apiKeyEnv}
          onChange={(event) => set('apiKeyEnv')(event.target.value)}
          placeholder="VLLM_API_KEY"
          className={inputClass}
        />
      </Field>
      <Field label="Input price" hint="$ per million tokens; loopback endpoints default to $0">
        <input
          type="number"
          min={0}
          step="any"
          value={fields.input}
          onChange={(event) => set('input')(event.target.value)}
          className={inputClass}
        />
      </Field>
      <Field label="Output price" hint="$ per million tokens">
        <input
          type="number"
          min={0}
          step="any"
          value={fields.output}
          onChange={(event) => set('output')(event.target.value)}
          className={inputClass}
        />
      </Field>
      <Field label="Context window" hint="tokens, optional">
        <input
          type="number"
          min={1}
          step={1}
          value={fields.context}
          onChange={(event) => set('context')(event.target.value)}
          className={inputClass}
        />
      </Field>
      <Field label="Capabilities" group>
        <span className="flex flex-wrap gap-3">
          {capabilities.map((capability) => (
            <label key={capability.key} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={flags[capability.key] ?? false}
                onChange={(event) =>
                  setFlags((current) => ({ ...current, [capability.key]: event.target.checked }))
                }
                className="accent-indigo-600"
              />
              {capability.label}
            </label>
          ))}
        </span>
      </Field>
      <button type="submit" disabled={busy} className={primaryButtonClass}>
        Add endpoint models
      </button>
    </FormCard>
  );
}

function GgufForm({ busy, onSubmit }: { busy: boolean; onSubmit: (request: AddModelRequest) => void }) {
  const [file, setFile] = useState('');
  const [id, setId] = useState('');
  const [threads, setThreads] = useState('1');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      type: 'gguf',
      file: file.trim(),
      ...(id.trim() ? { id: id.trim() } : {}),
      threads: Number(threads) || 1,
    });
  };
  return (
    <FormCard
      title="Local GGUF file"
      hint="Runs in-process with llama.cpp on the server; its sha256 is recorded and checked."
      onSubmit={submit}
    >
      <Field label="File path" hint="on the server">
        <input
          required
          value={file}
          onChange={(event) => setFile(event.target.value)}
          placeholder="/models/qwen3-0.6b-q8_0.gguf"
          className={inputClass}
        />
      </Field>
      <Field label="Model id" hint="optional; default local/FILE-NAME">
        <input
          value={id}
          onChange={(event) => setId(event.target.value)}
          placeholder="local/qwen3-0.6b"
          className={inputClass}
        />
      </Field>
      <Field label="CPU threads" hint="set explicitly: 1 suits small machines">
        <input
          type="number"
          min={1}
          max={256}
          step={1}
          value={threads}
          onChange={(event) => setThreads(event.target.value)}
          className={inputClass}
        />
      </Field>
      <button type="submit" disabled={busy} className={primaryButtonClass}>
        Add GGUF model
      </button>
    </FormCard>
  );
}

function FormCard(props: {
  title: string;
  hint: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form
      aria-label={props.title}
      onSubmit={props.onSubmit}
      className="space-y-2 rounded border border-slate-200 bg-white p-4"
    >
      <h2 className="font-semibold">{props.title}</h2>
      <p className="text-slate-500 text-sm">{props.hint}</p>
      {props.children}
    </form>
  );
}

/** A labelled row of a form; `group` rows hold several controls with labels of their own. */
function Field(props: { label: string; hint?: string; group?: boolean; children: ReactNode }) {
  const Row = props.group ? 'div' : 'label';
  return (
    <Row className="grid grid-cols-[9rem_1fr] items-center gap-x-3 text-sm">
      <span className="text-slate-600">{props.label}</span>
      <span className="flex flex-col [&>input]:w-full">
        {props.children}
        {props.hint && <span className="text-[11px] text-slate-400">{props.hint}</span>}
      </span>
    </Row>
  );
}
