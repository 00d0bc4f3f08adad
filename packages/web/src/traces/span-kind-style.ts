import type { SpanKind } from '../api/types';

/** Colours per span kind: a badge (text on tint) and a waterfall bar. */
export const spanKindStyle: Record<SpanKind, { badge: string; bar: string }> = {
  llm: { badge: 'bg-indigo-50 text-indigo-700', bar: 'bg-indigo-500' },
  embedding: { badge: 'bg-violet-50 text-violet-700', bar: 'bg-violet-400' },
  retrieval: { badge: 'bg-teal-50 text-teal-700', bar: 'bg-teal-500' },
  tool: { badge: 'bg-amber-50 text-amber-800', bar: 'bg-amber-500' },
  agent: { badge: 'bg-fuchsia-50 text-fuchsia-700', bar: 'bg-fuchsia-500' },
  chain: { badge: 'bg-slate-100 text-slate-700', bar: 'bg-slate-400' },
  guardrail: { badge: 'bg-lime-50 text-lime-800', bar: 'bg-lime-500' },
  other: { badge: 'bg-gray-100 text-gray-600', bar: 'bg-gray-400' },
};

export function styleOf(kind: string): { badge: string; bar: string } {
  return spanKindStyle[kind as SpanKind] ?? spanKindStyle.other;
}
