import { useRef, useState } from 'react';
import { toApiError } from '../api/api-error';
import { formatOfFile, importFile } from '../api/datasets-api';
import { useAuth } from '../shell/auth-provider';
import { buttonClass } from '../ui/controls';

/**
 * Uploads a CSV (header row; input, expected_output, split, id columns) or JSONL file into a new version.
 * The server streams it and keeps nothing when a row is bad, naming the line.
 */
export function DatasetUpload({ name, onImported }: { name: string; onImported: (version: number) => void }) {
  const { state } = useAuth();
  const picker = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ kind: 'busy' | 'done' | 'error'; text: string } | null>(null);
  if (state.status !== 'ready') return null;
  const upload = async (file: File) => {
    const format = formatOfFile(file.name);
    if (!format) {
      setStatus({ kind: 'error', text: `${file.name}: name the file .csv or .jsonl so its format is known` });
      return;
    }
    setStatus({ kind: 'busy', text: `Importing ${file.name}…` });
    try {
      const result = await importFile(state.key, name, file, format);
      setStatus({ kind: 'done', text: `Imported ${result.rows} rows as v${result.version.version}` });
      onImported(result.version.version);
    } catch (caught) {
      setStatus({ kind: 'error', text: toApiError(caught).message });
    }
  };
  return (
    <span className="flex items-center gap-2 text-sm">
      <input
        ref={picker}
        type="file"
        accept=".csv,.jsonl,.ndjson"
        aria-label="Upload CSV or JSONL"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void upload(file);
        }}
      />
      <button
        type="button"
        className={buttonClass}
        disabled={status?.kind === 'busy'}
        onClick={() => picker.current?.click()}
      >
        Upload CSV/JSONL
      </button>
      {status && (
        <span
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="upload-status"
          className={status.kind === 'error' ? 'text-red-700' : 'text-slate-600'}
        >
          {status.text}
        </span>
      )}
    </span>
  );
}
