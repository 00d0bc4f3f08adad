import type { ApiError } from '../api/api-error';
import { useAuth } from './auth-provider';

/** Shown when the server cannot be reached at start-up: says so, and offers to retry. */
export function UnreachablePage({ error }: { error: ApiError }) {
  const { retry, signOut } = useAuth();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div role="alert" className="w-full max-w-md rounded-lg border border-amber-300 bg-white p-6 shadow-sm">
        <h1 className="mb-2 font-semibold text-lg">Cannot reach the Sextant server</h1>
        <p className="mb-2 text-slate-700 text-sm">{error.message}</p>
        <p className="mb-4 text-slate-500 text-sm">
          The console talks to the server at <code>{window.location.origin}</code>. Start it with{' '}
          <code>npx sextant serve</code>, then retry.
        </p>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={retry}
            className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-sm text-white hover:bg-indigo-700"
          >
            Retry
          </button>
          <button
            type="button"
            onClick={() => signOut()}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Use another key
          </button>
        </div>
      </div>
    </main>
  );
}
