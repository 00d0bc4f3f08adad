import type { DatasetItem, Experiment, ExperimentRunInput, ScorePostInput } from '@sextant/core';
import { SextantError } from '@sextant/core';

/** Where the Sextant server is and how to authenticate. */
export interface ServerOptions {
  /** Default `SEXTANT_URL` or `http://127.0.0.1:4318`. */
  endpoint?: string;
  /** Default `SEXTANT_API_KEY`. */
  apiKey?: string;
}

type ExperimentJson = Omit<Experiment, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

const toExperiment = (json: ExperimentJson): Experiment => ({
  ...json,
  createdAt: new Date(json.createdAt),
  updatedAt: new Date(json.updatedAt),
});

/** The experiment endpoints of the REST API, as the runner uses them. */
export class ExperimentClient {
  private readonly endpoint: string;
  private readonly apiKey: string | undefined;

  constructor(options: ServerOptions = {}) {
    this.endpoint = (options.endpoint ?? process.env.SEXTANT_URL ?? 'http://127.0.0.1:4318').replace(
      /\/+$/,
      '',
    );
    this.apiKey = options.apiKey ?? process.env.SEXTANT_API_KEY;
  }

  /** Every item of a dataset version (default: the newest), page by page. */
  async datasetItems(name: string, version?: number): Promise<{ version: number; items: DatasetItem[] }> {
    const items: DatasetItem[] = [];
    let cursor: string | null = null;
    let resolved = version;
    do {
      const query = new URLSearchParams({ limit: '1000' });
      if (resolved !== undefined) query.set('version', String(resolved));
      if (cursor) query.set('cursor', cursor);
      const page = await this.call<{ version: number; items: DatasetItem[]; nextCursor: string | null }>(
        'GET',
        `/api/datasets/${encodeURIComponent(name)}/items?${query}`,
      );
      resolved = page.version;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { version: resolved ?? 0, items };
  }

  async create(body: Record<string, unknown>): Promise<Experiment> {
    return toExperiment(
      (await this.call<{ experiment: ExperimentJson }>('POST', '/api/experiments', body)).experiment,
    );
  }

  async get(id: string): Promise<Experiment> {
    // The answer also carries a page of items, which only the summary needs: ask for the smallest.
    const answer = await this.call<{ experiment: ExperimentJson }>(
      'GET',
      `/api/experiments/${encodeURIComponent(id)}?itemsLimit=1`,
    );
    return toExperiment(answer.experiment);
  }

  async setStatus(id: string, status: Experiment['status']): Promise<void> {
    await this.call('PATCH', `/api/experiments/${encodeURIComponent(id)}`, { status });
  }

  async finished(id: string): Promise<{ itemId: string; repeat: number }[]> {
    return (
      await this.call<{ runs: { itemId: string; repeat: number }[] }>(
        'GET',
        `/api/experiments/${encodeURIComponent(id)}/finished`,
      )
    ).runs;
  }

  async recordResults(id: string, runs: ExperimentRunInput[], scores: ScorePostInput[]): Promise<void> {
    await this.call('POST', `/api/experiments/${encodeURIComponent(id)}/results`, { runs, scores });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new SextantError(
        'internal',
        `cannot reach the Sextant server at ${this.endpoint} (${(error as Error).message}); start it with \`sextant serve\` or set SEXTANT_URL`,
        { cause: error },
      );
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const envelope = parsed as { error?: { code?: string; message?: string } } | null;
      const code = (envelope?.error?.code ?? 'internal') as ConstructorParameters<typeof SextantError>[0];
      throw new SextantError(
        code,
        `${method} ${path}: ${envelope?.error?.message ?? `HTTP ${response.status}`}`,
      );
    }
    return parsed as T;
  }
}
