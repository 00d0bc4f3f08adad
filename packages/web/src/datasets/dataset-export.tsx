import { useState } from 'react';
import { toApiError } from '../api/api-error';
import { downloadExport, type FileFormat } from '../api/datasets-api';
import { useAuth } from '../shell/auth-provider';
import { buttonClass } from '../ui/controls';

/** Download buttons for the version and split on screen, as JSONL or CSV. */
export function DatasetExport({
  name,
  version,
  split,
  disabled,
}: {
  name: string;
  version: number;
  split: string | undefined;
  disabled: boolean;
}) {
  const { state } = useAuth();
  const [error, setError] = useState<string | null>(null);
  if (state.status !== 'ready') return null;
  const download = (format: FileFormat) =>
    downloadExport(state.key, name, { format, version, split }).catch((caught) =>
      setError(toApiError(caught).message),
    );
  return (
    <span className="flex items-center gap-1 text-sm" data-testid="dataset-export">
      <span className="text-slate-500">Export</span>
      <button type="button" className={buttonClass} disabled={disabled} onClick={() => download('jsonl')}>
        JSONL
      </button>
      <button type="button" className={buttonClass} disabled={disabled} onClick={() => download('csv')}>
        CSV
      </button>
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
