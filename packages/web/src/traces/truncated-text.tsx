import { useState } from 'react';
import { formatBytes } from '../format/format-values';

/** Characters rendered before "show all": enough to read, small enough that a 1 MB output never stalls. */
export const defaultTextLimit = 10_000;

/** Pre-formatted text cut at `limit` characters, with a button that shows the rest on demand. */
export function TruncatedText({
  text,
  limit = defaultTextLimit,
  className = '',
}: {
  text: string;
  limit?: number;
  className?: string;
}) {
  const [expanded, setExpanded] = useState(false);
  const cut = !expanded && text.length > limit;
  return (
    <div className={className}>
      <pre className="whitespace-pre-wrap break-words font-sans text-sm leading-relaxed">
        {cut ? text.slice(0, limit) : text}
        {cut && <span className="text-slate-400">…</span>}
      </pre>
      {text.length > limit && (
        <button
          type="button"
          onClick={() => setExpanded((value) => !value)}
          className="mt-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-700 text-xs hover:bg-slate-50"
        >
          {expanded
            ? 'Show less'
            : `Show all (${formatBytes(new TextEncoder().encode(text).length)}, ${text.length.toLocaleString()} characters)`}
        </button>
      )}
    </div>
  );
}
