import { JsonText, stringifyValue } from './json-text';
import { TruncatedText } from './truncated-text';

/** Raw attributes as sent, collapsed until asked for. Values that look like JSON are indented when valid. */
export function AttributesView({
  title,
  attributes,
}: {
  title: string;
  attributes: Record<string, unknown>;
}) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <details className="rounded border border-slate-200 bg-white" data-testid="raw-attributes">
      <summary className="cursor-pointer select-none px-3 py-1.5 text-slate-700 text-sm hover:bg-slate-50">
        {title} <span className="text-slate-400">({entries.length})</span>
      </summary>
      {entries.length === 0 ? (
        <p className="px-3 pb-2 text-slate-500 text-sm">None.</p>
      ) : (
        <table className="w-full table-fixed border-slate-100 border-t text-xs">
          <tbody>
            {entries.map(([key, value]) => (
              <tr key={key} className="border-slate-100 border-b align-top">
                <th
                  scope="row"
                  className="w-2/5 break-all px-3 py-1 text-left font-mono font-normal text-slate-600"
                >
                  {key}
                </th>
                <td className="px-3 py-1 font-mono">
                  <AttributeValue value={value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function AttributeValue({ value }: { value: unknown }) {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) return <JsonText text={value} />;
  return (
    <TruncatedText text={stringifyValue(value)} limit={2000} className="[&_pre]:font-mono [&_pre]:text-xs" />
  );
}
