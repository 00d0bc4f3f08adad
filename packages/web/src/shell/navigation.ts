/** A page of the console; `pending` pages say which capability they wait for instead of showing content. */
export interface NavigationPage {
  path: string;
  label: string;
  pending?: { title: string; capability: string; issue: number; description: string };
}

export interface Phase {
  label: string;
  pages: NavigationPage[];
}

const releases: NavigationPage = { path: '/releases', label: 'Releases' };

/** The five phases of GenAI operations, in the order a change moves through them. */
export const phases: readonly Phase[] = [
  {
    label: 'Discover',
    pages: [{ path: '/models', label: 'Models' }],
  },
  {
    label: 'Develop',
    pages: [{ path: '/prompts', label: 'Prompts' }, releases, { path: '/playground', label: 'Playground' }],
  },
  {
    label: 'Evaluate',
    pages: [
      { path: '/datasets', label: 'Datasets' },
      { path: '/experiments', label: 'Experiments' },
      { path: '/reviews', label: 'Reviews' },
    ],
  },
  {
    label: 'Deploy',
    pages: [{ path: '/gates', label: 'Gates' }, releases],
  },
  {
    label: 'Govern',
    pages: [
      { path: '/traces', label: 'Traces' },
      { path: '/sessions', label: 'Sessions' },
      { path: '/monitoring', label: 'Monitoring' },
      { path: '/online-evals', label: 'Online evaluation' },
      { path: '/settings/retention', label: 'Retention' },
      { path: '/drift', label: 'Drift' },
      { path: '/alerts', label: 'Alerts' },
      { path: '/audit', label: 'Audit log' },
      { path: '/settings/redaction', label: 'PII redaction' },
    ],
  },
];

/** Each pending page once, for the router. */
export const pendingPages: readonly NavigationPage[] = [
  ...new Map(
    phases.flatMap((phase) =>
      phase.pages.filter((page) => page.pending).map((page) => [page.path, page] as const),
    ),
  ).values(),
];
