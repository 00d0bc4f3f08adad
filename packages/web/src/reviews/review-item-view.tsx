import type { ReviewerItem } from '../api/reviews-api';
import { DocumentsView } from '../traces/documents-view';
import { ReviewContent } from './review-content';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1">
      <h2 className="font-medium text-slate-500 text-xs uppercase tracking-wide">{title}</h2>
      {children}
    </section>
  );
}

/** The item under review: input, output, retrieved documents and tool calls; pairwise items side by side. */
export function ReviewItemView({ item }: { item: ReviewerItem }) {
  if (item.kind === 'pairwise') {
    return (
      <div className="space-y-4">
        <Section title="Input">
          <ReviewContent value={item.input} />
        </Section>
        <div className="grid grid-cols-2 gap-4">
          <Section title="A (press a)">
            <div data-testid="pairwise-left">
              <ReviewContent value={item.left.output} />
            </div>
          </Section>
          <Section title="B (press b)">
            <div data-testid="pairwise-right">
              <ReviewContent value={item.right.output} />
            </div>
          </Section>
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid="review-item" data-item-id={item.id}>
      <Section title="Input">
        <ReviewContent value={item.input} />
      </Section>
      {item.documents && item.documents.length > 0 && (
        <Section title={`Retrieved documents (${item.documents.length})`}>
          <DocumentsView documents={item.documents} />
        </Section>
      )}
      {item.toolCalls && item.toolCalls.length > 0 && (
        <Section title="Tool calls">
          <ul className="space-y-1">
            {item.toolCalls.map((call, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: tool calls have no ids; their order is their identity
                key={index}
                className="rounded border border-amber-200 bg-white px-3 py-2 font-mono text-xs"
              >
                <span className="font-semibold text-amber-800">{call.name}</span>({call.arguments})
                {call.result !== undefined && <span className="text-slate-600"> → {call.result}</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Output">
        <ReviewContent value={item.output} />
      </Section>
      {item.expectedOutput !== undefined && item.expectedOutput !== null && (
        <Section title="Expected output">
          <ReviewContent value={item.expectedOutput} />
        </Section>
      )}
    </div>
  );
}
