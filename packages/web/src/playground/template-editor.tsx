import { type PromptRole, promptRoles } from '../api/registry-types';
import { inputClass, selectClass } from '../ui/controls';
import type { PromptDraft } from './prompt-draft';

const rows = (text: string) => Math.min(14, Math.max(2, text.split('\n').length + 1));

/** Edits a draft: the chat messages (role and template each, add, remove) or the text template. */
export function TemplateEditor({
  draft,
  onChange,
}: {
  draft: PromptDraft;
  onChange: (draft: PromptDraft) => void;
}) {
  if (draft.type === 'text') {
    return (
      <textarea
        aria-label="Template"
        rows={rows(draft.template)}
        value={draft.template}
        onChange={(event) => onChange({ ...draft, template: event.target.value })}
        className={`${inputClass} w-full resize-y font-mono text-[13px]`}
      />
    );
  }
  const setMessage = (index: number, change: Partial<PromptDraft['messages'][number]>) =>
    onChange({
      ...draft,
      messages: draft.messages.map((message, position) =>
        position === index ? { ...message, ...change } : message,
      ),
    });
  return (
    <div className="space-y-2" data-testid="template-editor">
      {draft.messages.map((message, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages are identified by their position
        <div key={index} className="rounded border border-slate-200 bg-white p-2">
          <div className="mb-1 flex items-center gap-2">
            <select
              aria-label={`Role of message ${index + 1}`}
              value={message.role}
              onChange={(event) => setMessage(index, { role: event.target.value as PromptRole })}
              className={`${selectClass} text-xs uppercase`}
            >
              {promptRoles.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
            <button
              type="button"
              aria-label={`Remove message ${index + 1}`}
              disabled={draft.messages.length === 1}
              onClick={() =>
                onChange({ ...draft, messages: draft.messages.filter((_, position) => position !== index) })
              }
              className="ml-auto text-slate-400 text-xs hover:text-red-700 disabled:opacity-30"
            >
              remove
            </button>
          </div>
          <textarea
            aria-label={`Message ${index + 1} (${message.role})`}
            rows={rows(message.content)}
            value={message.content}
            onChange={(event) => setMessage(index, { content: event.target.value })}
            className={`${inputClass} w-full resize-y font-mono text-[13px]`}
          />
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange({
            ...draft,
            messages: [
              ...draft.messages,
              { role: draft.messages.at(-1)?.role === 'user' ? 'assistant' : 'user', content: '' },
            ],
          })
        }
        className="text-indigo-700 text-sm hover:underline"
      >
        + Add message
      </button>
    </div>
  );
}

/** Temperature, top_p and max_tokens of the draft; other parameters pass through unchanged. */
export function ParametersEditor({
  draft,
  onChange,
}: {
  draft: PromptDraft;
  onChange: (draft: PromptDraft) => void;
}) {
  const field = (name: 'temperature' | 'top_p' | 'max_tokens', step: string) => (
    <label className="flex items-center gap-1 text-sm">
      <span className="font-mono text-slate-600 text-xs">{name}</span>
      <input
        type="number"
        step={step}
        min={0}
        aria-label={name}
        value={draft.parameters[name] ?? ''}
        onChange={(event) => {
          const parameters = { ...draft.parameters };
          if (event.target.value === '') delete parameters[name];
          else parameters[name] = Number(event.target.value);
          onChange({ ...draft, parameters });
        }}
        className={`${inputClass} w-20`}
      />
    </label>
  );
  return (
    <div className="flex flex-wrap gap-3">
      {field('temperature', '0.1')}
      {field('top_p', '0.05')}
      {field('max_tokens', '1')}
    </div>
  );
}
