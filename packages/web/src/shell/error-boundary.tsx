import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** When it changes (e.g. the location), a caught error is cleared and the children render again. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

/** Catches render errors of one route so a bug shows a message instead of a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Sextant console: a page failed to render', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="m-6 max-w-3xl rounded border border-red-200 bg-white p-5">
        <h1 className="mb-2 font-semibold text-red-800">This page failed to render</h1>
        <p className="mb-3 text-slate-700 text-sm">
          The console hit a bug while showing this page: <code>{error.message}</code>. The rest of the console
          still works; use the navigation, or reload.
        </p>
        <details className="mb-3 text-xs">
          <summary className="cursor-pointer text-slate-500">Stack</summary>
          <pre className="mt-2 overflow-auto whitespace-pre-wrap text-slate-600">{error.stack}</pre>
        </details>
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          Reload
        </button>
      </div>
    );
  }
}
