import { lazy, Suspense, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useAuth } from './shell/auth-provider';
import { ErrorBoundary } from './shell/error-boundary';
import { KeyEntryPage } from './shell/key-entry-page';
import { pendingPages } from './shell/navigation';
import { PendingPage } from './shell/pending-page';
import { ShellLayout } from './shell/shell-layout';
import { UnreachablePage } from './shell/unreachable-page';
import { TraceListPage } from './traces/trace-list-page';

// The trace list is the landing page and ships in the initial bundle; other pages load on demand
// (and are fetched ahead while the browser is idle, so opening one does not wait).
const loadTracePage = () => import('./traces/trace-page');
const loadSessionPages = () =>
  Promise.all([import('./traces/session-page'), import('./traces/sessions-page')]);
const loadMonitoringPage = () => import('./monitoring/monitoring-page');
const TracePage = lazy(() => loadTracePage().then((module) => ({ default: module.TracePage })));
const SessionPage = lazy(() => loadSessionPages().then(([module]) => ({ default: module.SessionPage })));
const SessionsPage = lazy(() => loadSessionPages().then(([, module]) => ({ default: module.SessionsPage })));
const MonitoringPage = lazy(() =>
  loadMonitoringPage().then((module) => ({ default: module.MonitoringPage })),
);

function usePrefetchPages() {
  useEffect(() => {
    const prefetch = () => {
      for (const load of [loadTracePage, loadSessionPages, loadMonitoringPage]) load().catch(() => {});
    };
    const timer = setTimeout(prefetch, 1500);
    return () => clearTimeout(timer);
  }, []);
}

/** The console: the key entry screen until a project key works, then the shell and its routes. */
export function App() {
  const { state } = useAuth();
  if (state.status === 'signed-out') return <KeyEntryPage reason={state.error} />;
  if (state.status === 'checking') return <p className="p-8 text-slate-500">Connecting to Sextant…</p>;
  if (state.status === 'failed')
    return state.error.kind === 'unreachable' ? (
      <UnreachablePage error={state.error} />
    ) : (
      <KeyEntryPage reason={state.error} />
    );
  return (
    <ShellLayout>
      {/* Keyed by project too, so switching projects starts every page afresh. */}
      <Routes projectId={state.project.id} />
    </ShellLayout>
  );
}

function Routes({ projectId }: { projectId: string }) {
  const [location] = useLocation();
  usePrefetchPages();
  return (
    <ErrorBoundary resetKey={location}>
      <Suspense fallback={<p className="p-4 text-slate-500 text-sm">Loading…</p>}>
        <PageSwitch projectId={projectId} location={location} />
      </Suspense>
    </ErrorBoundary>
  );
}

function PageSwitch({ projectId, location }: { projectId: string; location: string }) {
  return (
    <Switch key={projectId}>
      <Route path="/">
        <Redirect to="/traces" replace />
      </Route>
      <Route path="/traces" component={TraceListPage} />
      <Route path="/traces/:traceId">{(params) => <TracePage traceId={params.traceId} />}</Route>
      <Route path="/sessions" component={SessionsPage} />
      <Route path="/sessions/:sessionId">
        {(params) => <SessionPage sessionId={decodeURIComponent(params.sessionId)} />}
      </Route>
      <Route path="/monitoring" component={MonitoringPage} />
      {pendingPages.map((page) => (
        <Route key={page.path} path={page.path}>
          <PendingPage page={page} />
        </Route>
      ))}
      <Route>
        <div className="p-8">
          <h1 className="mb-2 font-semibold text-lg">No page here</h1>
          <p className="text-slate-600 text-sm">
            Nothing lives at <code>{location}</code>. Pick a page from the navigation.
          </p>
        </div>
      </Route>
    </Switch>
  );
}
