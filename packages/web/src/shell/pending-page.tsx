import type { NavigationPage } from './navigation';

/** A page whose capability is not built yet: says which one it waits for, with no stand-in content. */
export function PendingPage({ page }: { page: NavigationPage }) {
  const pending = page.pending;
  if (!pending) return null;
  return (
    <div className="mx-auto max-w-2xl p-8">
      <h1 className="mb-3 font-semibold text-xl">{pending.title}</h1>
      <p className="mb-3 rounded border border-slate-200 bg-white px-4 py-3 text-slate-700">
        {pending.title} arrives with the {pending.capability} capability (issue {pending.issue}). Nothing is
        shown here until then.
      </p>
      <p className="text-slate-500 text-sm">What it will hold: {pending.description}</p>
    </div>
  );
}
