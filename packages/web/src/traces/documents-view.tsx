import type { RetrievedDocument } from '../api/types';
import { stringifyValue } from './json-text';
import { TruncatedText } from './truncated-text';

/** Retrieved documents in rank order, with their scores and metadata. */
export function DocumentsView({ documents }: { documents: RetrievedDocument[] }) {
  const maxScore = Math.max(0, ...documents.map((document) => document.score ?? 0));
  return (
    <ol className="space-y-2">
      {documents.map((document, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: documents may lack ids and repeat; rank is their identity here
          key={index}
          data-testid="retrieved-document"
          className="rounded border border-teal-200 bg-white px-3 py-2"
        >
          <div className="mb-1 flex items-center gap-2 text-xs">
            <span className="font-semibold text-teal-800">#{index + 1}</span>
            {document.id && <span className="font-mono text-slate-600">{document.id}</span>}
            {document.score !== undefined && (
              <span className="ml-auto flex items-center gap-1 text-slate-600" title="Retrieval score">
                <span className="inline-block h-1.5 w-16 overflow-hidden rounded bg-slate-100">
                  <span
                    className="block h-full bg-teal-500"
                    style={{ width: `${maxScore > 0 ? Math.max(0, (document.score / maxScore) * 100) : 0}%` }}
                  />
                </span>
                score {Number(document.score.toFixed(4))}
              </span>
            )}
          </div>
          <TruncatedText text={document.content} limit={2000} />
          {document.metadata && Object.keys(document.metadata).length > 0 && (
            <div className="mt-1 font-mono text-[11px] text-slate-500">
              {Object.entries(document.metadata)
                .map(([key, value]) => `${key}: ${stringifyValue(value)}`)
                .join(' · ')}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
