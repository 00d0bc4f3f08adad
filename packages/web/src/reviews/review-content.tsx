import type { SpanContent } from '../api/types';
import { stringifyValue } from '../traces/json-text';
import { SpanContentView } from '../traces/span-content-view';
import { TruncatedText } from '../traces/truncated-text';

const isSpanContent = (value: unknown): value is SpanContent =>
  typeof value === 'object' &&
  value !== null &&
  ['text', 'messages', 'json'].includes(String((value as { type?: unknown }).type));

/** Any reviewed value rendered for people: span content as in traces, text as text, other data as JSON. */
export function ReviewContent({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p className="text-slate-400 text-sm italic">none</p>;
  if (isSpanContent(value)) return <SpanContentView content={value} />;
  if (typeof value === 'string') {
    return (
      <TruncatedText
        text={value}
        limit={4000}
        className="rounded border border-slate-200 bg-white px-3 py-2"
      />
    );
  }
  return (
    <TruncatedText
      text={stringifyValue(value)}
      limit={4000}
      className="rounded border border-slate-200 bg-white px-3 py-2 [&_pre]:font-mono [&_pre]:text-xs"
    />
  );
}
