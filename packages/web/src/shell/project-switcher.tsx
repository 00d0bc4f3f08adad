import { useEffect, useRef, useState } from 'react';
import { maskKey } from '../api/saved-keys';
import { useAuth } from './auth-provider';

/** The current project, and a menu of the other project keys saved in this browser. */
export function ProjectSwitcher() {
  const { state, savedKeys, activate, forget, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !menu.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (state.status !== 'ready') return null;
  const current = savedKeys.find((saved) => saved.key === state.key);
  return (
    <div ref={menu} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50"
      >
        <span className="text-slate-500">Project</span>
        <span data-testid="project-name" className="font-medium">
          {state.project.name}
        </span>
        {current && current.label !== state.project.name && (
          <span className="text-slate-500">({current.label})</span>
        )}
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 z-20 mt-1 w-80 rounded border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {savedKeys.map((saved) => (
            <button
              key={saved.key}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                if (saved.key !== state.key) activate(saved.key);
              }}
              className="flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-slate-100"
            >
              <span className="w-3 text-indigo-600">{saved.key === state.key ? '✓' : ''}</span>
              <span className="flex-1 truncate">{saved.label}</span>
              <span className="font-mono text-slate-400 text-xs">{maskKey(saved.key)}</span>
            </button>
          ))}
          <div className="my-1 border-slate-100 border-t" />
          <button
            type="button"
            role="menuitem"
            onClick={() => signOut()}
            className="block w-full px-3 py-1.5 text-left hover:bg-slate-100"
          >
            Add a project key…
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => forget(state.key)}
            className="block w-full px-3 py-1.5 text-left text-red-700 hover:bg-red-50"
          >
            Forget this key in this browser
          </button>
        </div>
      )}
    </div>
  );
}
