import type { IncomingMessage } from 'node:http';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SextantError } from '@sextant/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { DatasetFileFormat } from '../services/dataset-import.js';
import type { DatasetService } from '../services/dataset-service.js';
import {
  changeBodySchema,
  createDatasetBodySchema,
  csvColumnsFromQuery,
  datasetItemSchema,
  datasetJson,
  datasetParamsSchema,
  datasetSchema,
  datasetVersionSchema,
  exportQuerySchema,
  fromTraceBodySchema,
  importQuerySchema,
  itemQuerySchema,
  splitCountsSchema,
  versionJson,
} from './dataset-schemas.js';

const tag = 'Datasets';
const jsonBodyLimitBytes = 8 * 1024 * 1024;
const conflictResponse = {
  409: {
    ...jsonContent(errorResponses[400].content['application/json'].schema, 'Name taken or import running'),
  },
};

const listDatasets = createRoute({
  method: 'get',
  path: '/api/datasets',
  tags: [tag],
  summary: 'Every dataset of the project with its newest version and item count',
  responses: {
    200: jsonContent(z.object({ datasets: z.array(datasetSchema) }), 'The datasets'),
    ...errorResponses,
  },
});

const createDataset = createRoute({
  method: 'post',
  path: '/api/datasets',
  tags: [tag],
  summary: 'Create an empty dataset (version 0)',
  request: { body: { content: { 'application/json': { schema: createDatasetBodySchema } }, required: true } },
  responses: {
    201: jsonContent(z.object({ dataset: datasetSchema }), 'Created'),
    ...errorResponses,
    ...conflictResponse,
  },
});

const showDataset = createRoute({
  method: 'get',
  path: '/api/datasets/{name}',
  tags: [tag],
  summary: 'A dataset with its versions (newest first) and the split counts of the newest version',
  request: { params: datasetParamsSchema },
  responses: {
    200: jsonContent(
      z.object({
        dataset: datasetSchema,
        versions: z.array(datasetVersionSchema),
        splits: splitCountsSchema.shape.splits,
      }),
      'The dataset',
    ),
    ...errorResponses,
  },
});

const listSplits = createRoute({
  method: 'get',
  path: '/api/datasets/{name}/splits',
  tags: [tag],
  summary: 'Item counts per split of a version; items without a split count under null',
  request: { params: datasetParamsSchema, query: itemQuerySchema.pick({ version: true }) },
  responses: { 200: jsonContent(splitCountsSchema, 'Counts per split'), ...errorResponses },
});

const listItems = createRoute({
  method: 'get',
  path: '/api/datasets/{name}/items',
  tags: [tag],
  summary: 'Items of a version in insertion order, optionally of one split, with cursor paging',
  request: { params: datasetParamsSchema, query: itemQuerySchema },
  responses: {
    200: jsonContent(
      z.object({ version: z.number(), items: z.array(datasetItemSchema), nextCursor: z.string().nullable() }),
      'A page of items',
    ),
    ...errorResponses,
  },
});

const changeItems = createRoute({
  method: 'post',
  path: '/api/datasets/{name}/items',
  tags: [tag],
  summary: 'Add, replace (same id) and delete items, making one new version',
  description: 'Only the changed items are written; earlier versions stay readable unchanged.',
  request: {
    params: datasetParamsSchema,
    body: { content: { 'application/json': { schema: changeBodySchema } }, required: true },
  },
  responses: {
    201: jsonContent(z.object({ version: datasetVersionSchema }), 'The new version'),
    ...errorResponses,
    ...conflictResponse,
  },
});

const addFromTrace = createRoute({
  method: 'post',
  path: '/api/datasets/{name}/items/from-trace',
  tags: [tag],
  summary: "Add a trace's root span (or one span) as an item: its input, its output as expected output",
  description:
    'Metadata records the trace id, span id, model and prompt name/version. Pass expectedOutput to replace ' +
    "the span's output (a corrected answer).",
  request: {
    params: datasetParamsSchema,
    body: { content: { 'application/json': { schema: fromTraceBodySchema } }, required: true },
  },
  responses: {
    201: jsonContent(z.object({ version: datasetVersionSchema, item: datasetItemSchema }), 'The new version'),
    ...errorResponses,
    ...conflictResponse,
  },
});

const importItems = createRoute({
  method: 'post',
  path: '/api/datasets/{name}/import',
  tags: [tag],
  summary: 'Stream a CSV or JSONL file into a new version',
  description:
    'The body is read as a stream and written in transactions of 1000 rows, so files of any size work. The ' +
    'version is created only when every row parses; a malformed row answers 400 naming its line, and nothing ' +
    'of the file stays. CSV needs a header row; JSONL lines are objects with input, expectedOutput, metadata, ' +
    'split and id.',
  request: {
    params: datasetParamsSchema,
    query: importQuerySchema,
    body: {
      content: {
        'text/csv': { schema: z.string() },
        'application/x-ndjson': { schema: z.string() },
      },
      required: true,
    },
  },
  responses: {
    201: jsonContent(
      z.object({
        version: datasetVersionSchema,
        rows: z.number(),
        seconds: z.number(),
        rowsPerSecond: z.number(),
      }),
      'Imported',
    ),
    ...errorResponses,
    ...conflictResponse,
  },
});

const exportItems = createRoute({
  method: 'get',
  path: '/api/datasets/{name}/export',
  tags: [tag],
  summary: 'Stream a version (optionally one split) as JSONL or CSV',
  request: { params: datasetParamsSchema, query: exportQuerySchema },
  responses: {
    200: {
      description: 'The items, one per line (CSV: a header, then id,input,expected_output,metadata,split)',
      content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

/** Datasets under /api/datasets, scoped to the caller's project. */
export function mountDatasetRoutes(app: OpenAPIHono<AppEnv>, service: DatasetService) {
  const limit = bodyLimit({
    maxSize: jsonBodyLimitBytes,
    onError: () => {
      throw new SextantError(
        'payload_too_large',
        `request body exceeds ${jsonBodyLimitBytes} bytes; send at most 1000 items per request, or import a file`,
      );
    },
  });
  app.use('/api/datasets', limit);
  app.use('/api/datasets/:name/items/*', limit);
  app.use('/api/datasets/:name/items', limit);

  app.openapi(listDatasets, async (context) => {
    const datasets = await service.datasets.list(context.var.projectId);
    return context.json({ datasets: datasets.map(datasetJson) }, 200);
  });
  app.openapi(createDataset, async (context) => {
    const dataset = await service.create(context.var.projectId, context.req.valid('json'), callerOf(context));
    return context.json({ dataset: datasetJson(dataset) }, 201);
  });
  app.openapi(showDataset, async (context) => {
    const shown = await service.show(context.var.projectId, context.req.valid('param').name);
    return context.json(
      {
        dataset: datasetJson(shown.dataset),
        versions: shown.versions.map(versionJson),
        splits: shown.splits,
      },
      200,
    );
  });
  app.openapi(listSplits, async (context) => {
    const { name } = context.req.valid('param');
    return context.json(
      await service.datasets.listSplits(context.var.projectId, name, context.req.valid('query').version),
      200,
    );
  });
  app.openapi(listItems, async (context) => {
    const { name } = context.req.valid('param');
    const page = await service.datasets.listItems(context.var.projectId, name, context.req.valid('query'));
    return context.json(page, 200);
  });
  app.openapi(changeItems, async (context) => {
    const { name } = context.req.valid('param');
    const body = context.req.valid('json');
    const version = await service.applyChanges(
      context.var.projectId,
      name,
      { upsert: body.items, delete: body.delete, message: body.message },
      callerOf(context),
    );
    return context.json({ version: versionJson(version) }, 201);
  });
  app.openapi(addFromTrace, async (context) => {
    const { name } = context.req.valid('param');
    const added = await service.addFromTrace(
      context.var.projectId,
      name,
      context.req.valid('json'),
      callerOf(context),
    );
    return context.json({ version: versionJson(added.version), item: added.item }, 201);
  });
  app.openapi(importItems, async (context) => {
    const { name } = context.req.valid('param');
    const query = context.req.valid('query');
    const format = query.format ?? formatFromContentType(context.req.header('content-type'));
    const body = requestChunks(context);
    try {
      const imported = await service.import(
        context.var.projectId,
        name,
        body.chunks,
        {
          format,
          columns: csvColumnsFromQuery(query),
          message: query.message,
        },
        callerOf(context),
      );
      return context.json(
        {
          version: versionJson(imported.version),
          rows: imported.rows,
          seconds: imported.seconds,
          rowsPerSecond: Math.round(imported.rows / Math.max(imported.seconds, 1e-6)),
        },
        201,
      );
    } catch (error) {
      body.drain();
      throw error;
    }
  });
  app.openapi(exportItems, async (context) => {
    const { name } = context.req.valid('param');
    const query = context.req.valid('query');
    const stream = await service.export(context.var.projectId, name, query);
    const type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
    return context.body(stream, 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="${name}.${query.format}"`,
    }) as never;
  });
}

function formatFromContentType(contentType: string | undefined): DatasetFileFormat {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('text/csv')) return 'csv';
  if (/^application\/(x-ndjson|jsonl|x-jsonlines)/.test(type)) return 'jsonl';
  throw new SextantError(
    'unsupported_media_type',
    `content-type '${contentType ?? '(none)'}' is not an import format; send text/csv or application/x-ndjson, or pass ?format=csv|jsonl`,
  );
}

/**
 * The request body as chunks, read as the import consumes them. Reads the Node stream directly when served
 * by @hono/node-server; stopping early keeps the stream open so `drain` can discard the rest and the client
 * still gets the error answer instead of a reset connection.
 */
function requestChunks(context: Context<AppEnv>): { chunks: AsyncIterable<Uint8Array>; drain(): void } {
  const incoming = (context.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) {
    return {
      chunks: incoming.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>,
      drain: () => {
        if (!incoming.readableEnded) incoming.resume();
      },
    };
  }
  const body = context.req.raw.body;
  if (!body) throw new SextantError('bad_request', 'the request has no body; send the file as the body');
  return {
    chunks: body as unknown as AsyncIterable<Uint8Array>,
    drain: () => {},
  };
}
