import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { phases } from './navigation';
import { ProjectSwitcher } from './project-switcher';

/** Sidebar with the five phases, a top bar with the project switcher, and the page. */
export function ShellLayout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  return (
    <div className="flex h-screen overflow-hidden">
      <nav aria-label="Main" className="flex w-48 shrink-0 flex-col border-slate-200 border-r bg-white">
        <Link href="/traces" className="flex items-center gap-2 px-4 py-3 font-semibold tracking-tight">
          <span aria-hidden className="text-indigo-600">
            ◭
          </span>
          Sextant
        </Link>
        <div className="flex-1 overflow-y-auto pb-4">
          {phases.map((phase) => (
            <div key={phase.label} className="mt-2">
              <h2 className="px-4 py-1 font-semibold text-[11px] text-slate-400 uppercase tracking-wider">
                {phase.label}
              </h2>
              <ul>
                {phase.pages.map((page) => {
                  const active = location === page.path || location.startsWith(`${page.path}/`);
                  return (
                    <li key={page.path}>
                      <Link
                        href={page.path}
                        aria-current={active ? 'page' : undefined}
                        className={`flex items-center justify-between px-4 py-1 text-sm ${
                          active
                            ? 'bg-indigo-50 font-medium text-indigo-700'
                            : 'text-slate-700 hover:bg-slate-50'
                        }`}
                      >
                        {page.label}
                        {page.pending && <span className="text-[10px] text-slate-400">soon</span>}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
        <p className="border-slate-100 border-t px-4 py-2 text-[11px] text-slate-400 leading-4">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> back · <kbd>/</kbd> search
        </p>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-11 shrink-0 items-center justify-end gap-3 border-slate-200 border-b bg-white px-4">
          <ProjectSwitcher />
        </header>
        <main className="min-h-0 flex-1 overflow-auto">{children}</main>
      </div>
    </div>
  );
}
