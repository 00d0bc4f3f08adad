import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { ReleaseVersion } from '../api/registry-types';
import { describeActor } from '../registry/use-registry-entry';
import { linkClass } from '../ui/controls';

/** One release version: everything it pins (prompts, models, parameters, retriever, tools, config). */
export function ReleaseBundleView({ release }: { release: ReleaseVersion }) {
  const { definition } = release;
  return (
    <div className="space-y-4" data-testid="release-bundle">
      <p className="text-slate-600 text-sm">
        <code className="font-semibold text-slate-900">{release.id}</code> ·{' '}
        {release.commitMessage ?? 'no commit message'} · {describeActor(release.createdBy)} ·{' '}
        {new Date(release.createdAt).toLocaleString()}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Part title="Prompts" count={Object.keys(definition.prompts).length}>
          {Object.entries(definition.prompts).map(([name, version]) => (
            <Row key={name} name={name}>
              <Link href={`/prompts/${encodeURIComponent(name)}?version=${version}`} className={linkClass}>
                {name} v{version}
              </Link>
            </Row>
          ))}
        </Part>
        <Part title="Models" count={Object.keys(definition.models).length}>
          {Object.entries(definition.models).map(([role, model]) => (
            <Row key={role} name={role}>
              <Link href={`/models/${encodeURIComponent(model)}`} className={`font-mono ${linkClass}`}>
                {model}
              </Link>
            </Row>
          ))}
        </Part>
        <Part title="Parameters" count={Object.keys(definition.parameters).length}>
          <Values values={definition.parameters} />
        </Part>
        <Part title="Retriever" count={definition.retriever ? Object.keys(definition.retriever).length : 0}>
          {definition.retriever && <Values values={definition.retriever} />}
        </Part>
        <Part title="Tools" count={definition.tools.length}>
          {definition.tools.map((tool, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tools are identified by their position
            <Row key={index} name={toolName(tool)}>
              <span className="font-mono text-slate-500 text-xs">
                {typeof tool === 'string' ? 'by name' : JSON.stringify(tool)}
              </span>
            </Row>
          ))}
        </Part>
        <Part title="Config" count={Object.keys(definition.config).length}>
          <Values values={definition.config} />
        </Part>
      </div>
    </div>
  );
}

function toolName(tool: string | Record<string, unknown>): string {
  if (typeof tool === 'string') return tool;
  const fn = tool.function as { name?: unknown } | undefined;
  return typeof fn?.name === 'string' ? fn.name : typeof tool.name === 'string' ? tool.name : 'tool';
}

function Values({ values }: { values: Record<string, unknown> }) {
  return (
    <>
      {Object.entries(values).map(([key, value]) => (
        <Row key={key} name={key}>
          <span className="font-mono text-xs">
            {typeof value === 'string' ? value : JSON.stringify(value)}
          </span>
        </Row>
      ))}
    </>
  );
}

function Part({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <section className="rounded border border-slate-200 bg-white" data-part={title.toLowerCase()}>
      <h2 className="border-slate-100 border-b px-3 py-1.5 font-semibold text-slate-500 text-xs uppercase tracking-wide">
        {title} <span className="font-normal">({count})</span>
      </h2>
      {count === 0 ? (
        <p className="px-3 py-1.5 text-slate-400 text-sm">none</p>
      ) : (
        <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 px-3 py-2 text-sm">{children}</dl>
      )}
    </section>
  );
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="truncate text-slate-500">{name}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
