import type { ReactNode } from 'react';
import type { PromptMessage } from '../api/registry-types';

/** A chosen model that has not run yet. */
export function IdleColumn({ model, onRemove }: { model: string; onRemove: () => void }) {
  return (
    <section
      aria-label={`Run of ${model}`}
      className="rounded border border-slate-200 border-dashed bg-white p-3 text-sm"
    >
      <div className="flex items-center">
        <code className="font-medium">{model}</code>
        <button
          type="button"
          aria-label={`Remove ${model}`}
          onClick={onRemove}
          className="ml-auto text-slate-400 hover:text-slate-700"
        >
          ×
        </button>
      </div>
      <p className="mt-2 text-slate-400">Press Run (Ctrl+Enter) to stream its answer here.</p>
    </section>
  );
}

/** The rendered messages of the last run, folded: what every model received. */
export function SentMessages({ messages }: { messages: PromptMessage[] }) {
  return (
    <details
      className="mx-4 mt-3 rounded border border-slate-200 bg-white text-sm"
      data-testid="sent-messages"
    >
      <summary className="cursor-pointer px-3 py-1.5 text-slate-600">
        Rendered messages ({messages.length})
      </summary>
      <div className="space-y-1 border-slate-100 border-t px-3 py-2">
        {messages.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages are identified by their position
          <div key={index} data-role={message.role}>
            <span className="mr-2 font-semibold text-slate-500 text-xs uppercase">{message.role}</span>
            <span className="whitespace-pre-wrap">{message.content}</span>
          </div>
        ))}
      </div>
    </details>
  );
}

/** A titled part of the playground's left column. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h2 className="mb-1.5 font-semibold text-slate-500 text-xs uppercase tracking-wide">{title}</h2>
      {children}
    </section>
  );
}
