import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { PromptVersion } from '../api/registry-types';
import { describeActor } from '../registry/use-registry-entry';
import { stringifyValue } from '../traces/json-text';
import { headClass, linkClass } from '../ui/controls';
import { TemplateText } from './template-text';

const roleStyle: Record<string, string> = {
  system: 'border-slate-300 bg-slate-50',
  developer: 'border-slate-300 bg-slate-50',
  user: 'border-sky-300 bg-sky-50/50',
  assistant: 'border-emerald-300 bg-emerald-50/50',
};

/** One prompt version: its messages or template, typed variables and model configuration. */
export function PromptVersionView({ version }: { version: PromptVersion }) {
  const { definition } = version;
  return (
    <div className="space-y-4" data-testid="prompt-version">
      <p className="text-slate-600 text-sm">
        <span className="font-semibold text-slate-900">v{version.version}</span> ·{' '}
        {version.commitMessage ?? 'no commit message'} · {describeActor(version.createdBy)} ·{' '}
        {new Date(version.createdAt).toLocaleString()} ·{' '}
        <code className="text-slate-400 text-xs" title={version.contentHash}>
          {version.contentHash.slice(0, 15)}…
        </code>
      </p>
      <Section title={definition.type === 'chat' ? `Messages (${definition.messages.length})` : 'Template'}>
        {definition.type === 'chat' ? (
          <div className="space-y-2">
            {definition.messages.map((message, index) => (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: messages are identified by their position
                key={index}
                data-role={message.role}
                className={`rounded border-l-4 px-3 py-2 ${roleStyle[message.role] ?? 'border-slate-300 bg-white'}`}
              >
                <div className="mb-1 font-semibold text-slate-700 text-xs uppercase tracking-wide">
                  {message.role}
                </div>
                <TemplateText text={message.content} />
              </div>
            ))}
          </div>
        ) : (
          <div className="rounded border border-slate-200 bg-white px-3 py-2">
            <TemplateText text={definition.template} />
          </div>
        )}
      </Section>
      <Section title={`Variables (${definition.variables.length})`}>
        {definition.variables.length === 0 ? (
          <p className="text-slate-500 text-sm">This prompt takes no variables.</p>
        ) : (
          <table className="w-full border-collapse bg-white text-sm">
            <thead className={headClass}>
              <tr>
                {['Name', 'Type', 'Required', 'Default', 'Description'].map((title) => (
                  <th key={title} scope="col" className="px-2 py-1 text-left font-medium">
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {definition.variables.map((variable) => (
                <tr key={variable.name} className="border-slate-100 border-b">
                  <td className="px-2 py-1 font-mono">{variable.name}</td>
                  <td className="px-2 py-1">{variable.type}</td>
                  <td className="px-2 py-1">
                    {variable.required && variable.default === undefined ? 'yes' : 'no'}
                  </td>
                  <td className="px-2 py-1 font-mono text-xs">
                    {variable.default === undefined ? '–' : stringifyValue(variable.default)}
                  </td>
                  <td className="px-2 py-1 text-slate-600">{variable.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Model configuration">
        <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 rounded border border-slate-200 bg-white px-3 py-2 text-sm">
          <dt className="text-slate-500">Model</dt>
          <dd>
            {definition.config.model ? (
              <Link href={`/models/${encodeURIComponent(definition.config.model)}`} className={linkClass}>
                {definition.config.model}
              </Link>
            ) : (
              <span className="text-slate-400">chosen by the caller</span>
            )}
          </dd>
          <dt className="text-slate-500">Parameters</dt>
          <dd className="font-mono text-xs">{compactJson(definition.config.parameters)}</dd>
          <dt className="text-slate-500">Tools</dt>
          <dd className="font-mono text-xs">
            {definition.config.tools.length === 0 ? 'none' : compactJson(definition.config.tools)}
          </dd>
          <dt className="text-slate-500">Response schema</dt>
          <dd className="font-mono text-xs">
            {definition.config.responseSchema ? compactJson(definition.config.responseSchema) : 'none'}
          </dd>
        </dl>
      </Section>
    </div>
  );
}

function compactJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text === '{}' ? 'none' : text;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h2 className="mb-1.5 font-semibold text-slate-500 text-xs uppercase tracking-wide">{title}</h2>
      {children}
    </section>
  );
}
