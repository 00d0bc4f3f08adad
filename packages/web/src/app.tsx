import { lazy, Suspense, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { safeDecode } from './format/format-values';
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
const loadOnlineEvalsPage = () => import('./online-evals/online-evals-page');
const loadRetentionPage = () => import('./retention/retention-page');
const loadDriftPages = () => Promise.all([import('./drift/drift-page'), import('./drift/drift-report-page')]);
const DriftPage = lazy(() => loadDriftPages().then(([module]) => ({ default: module.DriftPage })));
const DriftReportPage = lazy(() =>
  loadDriftPages().then(([, module]) => ({ default: module.DriftReportPage })),
);
const TracePage = lazy(() => loadTracePage().then((module) => ({ default: module.TracePage })));
const SessionPage = lazy(() => loadSessionPages().then(([module]) => ({ default: module.SessionPage })));
const SessionsPage = lazy(() => loadSessionPages().then(([, module]) => ({ default: module.SessionsPage })));
const MonitoringPage = lazy(() =>
  loadMonitoringPage().then((module) => ({ default: module.MonitoringPage })),
);
const OnlineEvalsPage = lazy(() =>
  loadOnlineEvalsPage().then((module) => ({ default: module.OnlineEvalsPage })),
);
const RetentionPage = lazy(() => loadRetentionPage().then((module) => ({ default: module.RetentionPage })));

// Discover and Develop pages, one chunk per module.
const loadModelsPage = () => import('./models/models-page');
const loadModelDetailPage = () => import('./models/model-detail-page');
const loadComparePage = () => import('./models/compare-page');
const loadProvidersPage = () => import('./models/providers-page');
const loadAddModelPage = () => import('./models/add-model-page');
const loadPromptsPage = () => import('./prompts/prompts-page');
const loadPromptPage = () => import('./prompts/prompt-page');
const loadReleasesPage = () => import('./releases/releases-page');
const loadReleasePage = () => import('./releases/release-page');
const loadPlaygroundPage = () => import('./playground/playground-page');
const loadBakeoffPages = () =>
  Promise.all([import('./models/bakeoffs-page'), import('./models/bakeoff-page')]);
const loadDatasetPages = () =>
  Promise.all([import('./datasets/datasets-page'), import('./datasets/dataset-page')]);

const ModelsPage = lazy(() => loadModelsPage().then((module) => ({ default: module.ModelsPage })));
const ModelDetailPage = lazy(() =>
  loadModelDetailPage().then((module) => ({ default: module.ModelDetailPage })),
);
const ComparePage = lazy(() => loadComparePage().then((module) => ({ default: module.ComparePage })));
const ProvidersPage = lazy(() => loadProvidersPage().then((module) => ({ default: module.ProvidersPage })));
const AddModelPage = lazy(() => loadAddModelPage().then((module) => ({ default: module.AddModelPage })));
const PromptsPage = lazy(() => loadPromptsPage().then((module) => ({ default: module.PromptsPage })));
const PromptPage = lazy(() => loadPromptPage().then((module) => ({ default: module.PromptPage })));
const ReleasesPage = lazy(() => loadReleasesPage().then((module) => ({ default: module.ReleasesPage })));
const ReleasePage = lazy(() => loadReleasePage().then((module) => ({ default: module.ReleasePage })));
const GatesPage = lazy(() => import('./gates/gates-page').then((module) => ({ default: module.GatesPage })));
const PlaygroundPage = lazy(() =>
  loadPlaygroundPage().then((module) => ({ default: module.PlaygroundPage })),
);

const BakeoffsPage = lazy(() => loadBakeoffPages().then(([module]) => ({ default: module.BakeoffsPage })));
const BakeoffPage = lazy(() => loadBakeoffPages().then(([, module]) => ({ default: module.BakeoffPage })));
const loadReviewPages = () =>
  Promise.all([
    import('./reviews/review-queues-page'),
    import('./reviews/review-page'),
    import('./reviews/judges-page'),
  ]);
const ReviewQueuesPage = lazy(() =>
  loadReviewPages().then(([module]) => ({ default: module.ReviewQueuesPage })),
);
const ReviewPage = lazy(() => loadReviewPages().then(([, module]) => ({ default: module.ReviewPage })));
const JudgesPage = lazy(() => loadReviewPages().then(([, , module]) => ({ default: module.JudgesPage })));

const loadExperimentPages = () =>
  Promise.all([
    import('./experiments/experiments-page'),
    import('./experiments/experiment-page'),
    import('./experiments/experiment-compare-page'),
  ]);
const ExperimentsPage = lazy(() =>
  loadExperimentPages().then(([module]) => ({ default: module.ExperimentsPage })),
);
const ExperimentPage = lazy(() =>
  loadExperimentPages().then(([, module]) => ({ default: module.ExperimentPage })),
);
const ExperimentComparePage = lazy(() =>
  loadExperimentPages().then(([, , module]) => ({ default: module.ExperimentComparePage })),
);

const loadGovernancePages = () =>
  Promise.all([
    import('./alerts/alerts-page'),
    import('./audit/audit-page'),
    import('./audit/redaction-settings-page'),
  ]);
const AlertsPage = lazy(() => loadGovernancePages().then(([module]) => ({ default: module.AlertsPage })));
const AuditPage = lazy(() => loadGovernancePages().then(([, module]) => ({ default: module.AuditPage })));
const RedactionSettingsPage = lazy(() =>
  loadGovernancePages().then(([, , module]) => ({ default: module.RedactionSettingsPage })),
);

const DatasetsPage = lazy(() => loadDatasetPages().then(([module]) => ({ default: module.DatasetsPage })));
const DatasetPage = lazy(() => loadDatasetPages().then(([, module]) => ({ default: module.DatasetPage })));

const prefetched = [
  loadTracePage,
  loadSessionPages,
  loadMonitoringPage,
  loadModelsPage,
  loadPromptsPage,
  loadPromptPage,
  loadReleasesPage,
  loadPlaygroundPage,
];

function usePrefetchPages() {
  useEffect(() => {
    const prefetch = () => {
      for (const load of prefetched) load().catch(() => {});
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
      <Route path="/online-evals" component={OnlineEvalsPage} />
      <Route path="/settings/retention" component={RetentionPage} />
      <Route path="/drift" component={DriftPage} />
      <Route path="/drift/reports/:reportId">
        {(params) => <DriftReportPage reportId={safeDecode(params.reportId)} />}
      </Route>
      <Route path="/alerts" component={AlertsPage} />
      <Route path="/audit" component={AuditPage} />
      <Route path="/settings/redaction" component={RedactionSettingsPage} />
      <Route path="/models" component={ModelsPage} />
      <Route path="/models/compare" component={ComparePage} />
      <Route path="/models/providers" component={ProvidersPage} />
      <Route path="/models/add" component={AddModelPage} />
      <Route path="/models/bakeoffs" component={BakeoffsPage} />
      <Route path="/models/bakeoffs/:id">{(params) => <BakeoffPage id={safeDecode(params.id)} />}</Route>
      <Route path="/models/:id">{(params) => <ModelDetailPage id={safeDecode(params.id)} />}</Route>
      <Route path="/prompts" component={PromptsPage} />
      <Route path="/prompts/:name">{(params) => <PromptPage name={safeDecode(params.name)} />}</Route>
      <Route path="/gates" component={GatesPage} />
      <Route path="/releases" component={ReleasesPage} />
      <Route path="/releases/:name">{(params) => <ReleasePage name={safeDecode(params.name)} />}</Route>
      <Route path="/playground" component={PlaygroundPage} />
      <Route path="/datasets" component={DatasetsPage} />
      <Route path="/datasets/:name">{(params) => <DatasetPage name={safeDecode(params.name)} />}</Route>
      <Route path="/experiments" component={ExperimentsPage} />
      <Route path="/experiments/compare" component={ExperimentComparePage} />
      <Route path="/experiments/:id">{(params) => <ExperimentPage id={safeDecode(params.id)} />}</Route>
      <Route path="/reviews" component={ReviewQueuesPage} />
      <Route path="/reviews/judges" component={JudgesPage} />
      <Route path="/reviews/:queueId">
        {(params) => <ReviewPage queueId={safeDecode(params.queueId)} />}
      </Route>
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
