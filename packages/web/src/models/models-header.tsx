import type { ReactNode } from 'react';
import { SectionTabs } from '../ui/section-tabs';

const tabs = [
  { href: '/models', label: 'Garden', exact: true },
  { href: '/models/compare', label: 'Compare' },
  { href: '/models/bakeoffs', label: 'Bake-offs' },
  { href: '/models/providers', label: 'Providers' },
  { href: '/models/add', label: 'Add model' },
] as const;

/** The title bar of the Discover › Models pages, with their tabs and page-specific figures. */
export function ModelsHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
      <h1 className="font-semibold text-lg">{title}</h1>
      <SectionTabs tabs={tabs} />
      <div className="ml-auto flex items-center gap-3 text-slate-500 text-sm">{children}</div>
    </div>
  );
}
