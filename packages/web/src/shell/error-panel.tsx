import type { ApiError } from '../api/api-error';
import { useAuth } from './auth-provider';

/** Explains a failed API call in the page, with the action that fixes it (retry, or another key). */
export function ErrorPanel({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { signOut } = useAuth();
  const title = {
    unauthorized: 'The server rejected this project key',
    unreachable: 'Cannot reach the Sextant server',
    not_found: 'Not found',
    bad_request: 'The server refused this request',
    conflict: 'Changed meanwhile',
    server: 'The server failed to answer',
  }[error.kind];
  return (
    <div role="alert" className="m-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm">
      <p className="font-medium text-red-800">{title}</p>
      <p className="mt-1 text-red-900">{error.message}</p>
      <div className="mt-2 flex gap-2">
        {error.kind === 'unauthorized' ? (
          <button
            type="button"
            onClick={() => signOut(error)}
            className="rounded bg-white px-2 py-1 text-sm ring-1 ring-red-300 hover:bg-red-100"
          >
            Enter another key
          </button>
        ) : (
          onRetry &&
          error.kind !== 'not_found' && (
            <button
              type="button"
              onClick={onRetry}
              className="rounded bg-white px-2 py-1 text-sm ring-1 ring-red-300 hover:bg-red-100"
            >
              Retry
            </button>
          )
        )}
      </div>
    </div>
  );
}
