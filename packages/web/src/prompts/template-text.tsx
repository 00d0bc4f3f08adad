/** A template with its `{{…}}` tags highlighted, whitespace kept. */
export function TemplateText({ text }: { text: string }) {
  const parts = text.split(/(\\?\{\{[^}]*\}\})/);
  return (
    <pre className="whitespace-pre-wrap break-words font-mono text-[13px] leading-relaxed">
      {parts.map((part, index) =>
        part.startsWith('{{') ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order
          <span key={index} className="rounded bg-indigo-50 text-indigo-700">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </pre>
  );
}
