import type { TraceScore } from '../api/types';

const sourceStyle: Record<TraceScore['source'], string> = {
  human: 'border-violet-200 bg-violet-50 text-violet-900',
  experiment: 'border-sky-200 bg-sky-50 text-sky-900',
  online: 'border-teal-200 bg-teal-50 text-teal-900',
  api: 'border-slate-200 bg-slate-50 text-slate-800',
};

/** Every score of the trace as a chip: people's (with who gave them) beside judges' and experiments'. */
export function TraceScores({ scores }: { scores: TraceScore[] }) {
  if (scores.length === 0) return null;
  return (
    <div className="mt-1 flex flex-wrap gap-1.5" data-testid="trace-scores">
      {scores.map((score) => {
        const by = score.source === 'human' ? score.author : score.evaluatorName;
        const value = score.label ?? String(Number(score.value.toFixed(4)));
        return (
          <span
            key={score.id}
            className={`rounded border px-1.5 py-0.5 text-xs ${sourceStyle[score.source]}`}
            title={[score.comment, score.explanation].filter(Boolean).join('\n') || undefined}
          >
            <span className="font-medium">{score.name}</span> {value}
            {score.passed !== undefined && (score.passed ? ' ✓' : ' ✗')}
            <span className="opacity-70">
              {' '}
              · {score.source}
              {by ? ` · ${by}` : ''}
            </span>
          </span>
        );
      })}
    </div>
  );
}
