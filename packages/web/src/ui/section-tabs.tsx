import { Link, useLocation } from 'wouter';

/** Tabs between the pages of one section (Garden · Compare · Providers); the active one is marked. */
export function SectionTabs({ tabs }: { tabs: readonly { href: string; label: string; exact?: boolean }[] }) {
  const [location] = useLocation();
  return (
    <nav aria-label="Section" className="flex gap-1 text-sm">
      {tabs.map((tab) => {
        const path = tab.href.split('?')[0] ?? tab.href;
        const active = tab.exact ? location === path : location === path || location.startsWith(`${path}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded px-2 py-1 ${
              active ? 'bg-indigo-50 font-medium text-indigo-700' : 'text-slate-600 hover:bg-slate-100'
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
