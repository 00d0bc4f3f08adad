import { SextantError, spanContentText } from '@sextant/core';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { inTransaction } from '../postgres/postgres-database.js';
import { openPostgresStore } from '../postgres/postgres-store.js';
import { ensureSpanPartitions } from '../postgres/span-partitions.js';
import { rebuildTraceQuarters } from '../postgres/trace-quarters.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { TableChecksum } from './table-checksum.js';

/** How one table was copied and checked. */
export interface TableCopyResult {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  matches: boolean;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** Empty the target's Sextant tables first instead of refusing a target that has data. */
  force?: boolean;
  onProgress?: (progress: CopyProgress) => void;
}

/** Tables that are not data: SQLite internals, the search index (rebuilt on the target), schema versions. */
const skipped = (name: string) =>
  name.startsWith('sqlite_') || name.startsWith('spans_fts') || name === 'sextant_schema';

/** SQLite columns PostgreSQL keeps differently (the kinds of a trace are rows of trace_kinds there). */
const sqliteOnlyColumns: Record<string, readonly string[]> = { traces: ['kinds'] };

/** PostgreSQL columns filled from the SQLite rowid, which orders their rows. */
const rowidColumns: Record<string, string> = { dataset_items: 'seq', gate_runs: 'sequence' };

/** Tables other tables refer to by foreign key, copied first in this order; the rest follow by name. */
const parents = ['projects', 'prompts', 'prompt_versions', 'releases', 'release_versions', 'datasets'];
const parentRank = (table: string) => (parents.includes(table) ? parents.indexOf(table) : parents.length);

/** Most parameters one INSERT may carry (PostgreSQL allows 65535). */
const maxParameters = 60_000;

/**
 * Copies an embedded SQLite store into PostgreSQL table by table, then verifies each table: row counts
 * and an order-independent checksum over a canonical serialization, computed the same way on both sides.
 * Both schemas are brought up to date first. Refuses a target that already holds data unless `force`.
 */
export async function copySqliteToPostgres(
  sqliteFile: string,
  postgresLocation: string,
  options: CopyOptions = {},
): Promise<TableCopyResult[]> {
  // Opening migrates each schema to this Sextant's version (and refuses newer ones).
  await openSqliteStore(sqliteFile).close();
  const target = openPostgresStore(postgresLocation, { maxConnections: 4 });
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    await target.ready();
    const pool = target.pool;
    const tables = (
      source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !skipped(name))
      .sort((a, b) => parentRank(a) - parentRank(b));
    const targetColumns = await columnsOf(pool, target.schema);
    for (const table of tables) {
      if (!targetColumns.has(table)) {
        throw new SextantError(
          'bad_request',
          `the PostgreSQL schema of this Sextant has no table '${table}'; upgrade Sextant before migrating`,
        );
      }
    }
    const derived = ['root_span_feed', 'trace_kinds', 'trace_models'];
    await requireEmptyTarget(pool, [...tables, ...derived], options.force ?? false, postgresLocation);
    const results: TableCopyResult[] = [];
    for (const table of tables) {
      const columns = (source.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
        .map((column) => column.name)
        .filter((column) => !sqliteOnlyColumns[table]?.includes(column));
      const types = targetColumns.get(table) as Map<string, string>;
      const missing = columns.filter((column) => !types.has(column));
      if (missing.length > 0) {
        throw new SextantError(
          'bad_request',
          `the PostgreSQL table '${table}' lacks column(s) ${missing.join(', ')}; upgrade Sextant before migrating`,
        );
      }
      const sourceSum = await copyTable(
        source,
        pool,
        target.schema,
        table,
        columns,
        types,
        options.onProgress,
      );
      const targetSum = await checksumTarget(pool, table, columns, types);
      results.push({
        table,
        sourceRows: sourceSum.rows,
        targetRows: targetSum.rows,
        sourceChecksum: sourceSum.hex,
        targetChecksum: targetSum.hex,
        matches: sourceSum.rows === targetSum.rows && sourceSum.hex === targetSum.hex,
      });
    }
    await rebuildFeed(source, pool);
    await rebuildTraceQuarters(pool);
    await rebuildTraceKindsAndModels(pool);
    await resetSequences(pool, target.schema);
    return results;
  } finally {
    source.close();
    await target.close();
  }
}

async function columnsOf(pool: pg.Pool, schema: string) {
  const { rows } = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1`,
    [schema],
  );
  const tables = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, row.data_type);
    tables.set(row.table_name, columns);
  }
  return tables;
}

async function requireEmptyTarget(
  pool: pg.Pool,
  tables: readonly string[],
  force: boolean,
  location: string,
) {
  const nonEmpty: string[] = [];
  for (const table of tables) {
    const { rowCount } = await pool.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rowCount) nonEmpty.push(table);
  }
  if (nonEmpty.length === 0) return;
  if (!force) {
    throw new SextantError(
      'conflict',
      `the target ${location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} already holds data ` +
        `(${nonEmpty.slice(0, 5).join(', ')}${nonEmpty.length > 5 ? ', ...' : ''}); ` +
        'migrate into an empty database or schema, or pass --force to replace its contents',
    );
  }
  await pool.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
}

/** The target types of the checksummed columns (the source's, plus the rowid-filled one). */
const checksumTypes = (table: string, columns: readonly string[], types: Map<string, string>) => [
  ...columns.map((column) => types.get(column) ?? ''),
  ...(rowidColumns[table] ? ['bigint'] : []),
];

/** SQLite keeps some values in another form than PostgreSQL: booleans as 0/1, text arrays as JSON. */
function toTarget(value: unknown, type: string | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value !== 0;
  if (type === 'ARRAY') return JSON.parse(String(value));
  if (typeof value === 'bigint') return value.toString();
  return value;
}

async function copyTable(
  source: Database.Database,
  pool: pg.Pool,
  schema: string,
  table: string,
  columns: readonly string[],
  types: Map<string, string>,
  onProgress?: (progress: CopyProgress) => void,
): Promise<TableChecksum> {
  const total = (source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const rowidColumn = rowidColumns[table];
  const isSpans = table === 'spans';
  const targetColumns = [...columns, ...(rowidColumn ? [rowidColumn] : []), ...(isSpans ? ['search'] : [])];
  const batchSize = Math.max(1, Math.floor(maxParameters / targetColumns.length));
  const checksum = new TableChecksum(checksumTypes(table, columns, types));
  const knownPartitions = new Set<string>();
  const statement = source.prepare(
    `SELECT ${columns.join(', ')}${rowidColumn ? ', rowid AS __rowid' : ''} FROM ${table}`,
  );
  statement.safeIntegers(false);
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    if (isSpans) {
      await ensureSpanPartitions(
        pool,
        schema,
        knownPartitions,
        batch.map((row) => ({ startTimeUs: Number(row.start_time_us) }) as never),
      );
    }
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = targetColumns.map((column) => {
        if (column === 'search') {
          values.push(searchText(row));
          return `to_tsvector('simple', coalesce($${values.length}::text, ''))`;
        }
        values.push(column === rowidColumn ? row.__rowid : toTarget(row[column], types.get(column)));
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await inTransaction(pool, (client) =>
      client.query(`INSERT INTO ${table} (${targetColumns.join(', ')}) VALUES ${tuples.join(', ')}`, values),
    );
    copied += batch.length;
    batch = [];
    onProgress?.({ table, copied, total });
  };
  onProgress?.({ table, copied: 0, total });
  for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
    checksum.add([...columns.map((column) => row[column]), ...(rowidColumn ? [row.__rowid] : [])]);
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return checksum;
}

/** The words the SQLite search index held for a span, as the span writer computes them. */
function searchText(row: Record<string, unknown>): string | null {
  const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : null);
  const text = `${spanContentText(parse(row.input))}\n${spanContentText(parse(row.output))}`.trim();
  return text ? text.slice(0, 16_384) : null;
}

/** Reads the copied rows back in batches through a cursor and checksums them like the source. */
async function checksumTarget(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
  types: Map<string, string>,
): Promise<TableChecksum> {
  const rowidColumn = rowidColumns[table];
  const selected = [...columns, ...(rowidColumn ? [rowidColumn] : [])];
  const checksum = new TableChecksum(checksumTypes(table, columns, types));
  await inTransaction(pool, async (client) => {
    await client.query(
      `DECLARE checksum_rows NO SCROLL CURSOR FOR SELECT ${selected.join(', ')} FROM ${table}`,
    );
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>('FETCH 5000 FROM checksum_rows');
      if (rows.length === 0) break;
      for (const row of rows) checksum.add(selected.map((column) => row[column]));
    }
  });
  return checksum;
}

/**
 * Online-evaluation cursors in SQLite are span rowids of root spans; the feed gets those rowids as its
 * sequence numbers, so every copied rule resumes exactly where it stopped.
 */
async function rebuildFeed(source: Database.Database, pool: pg.Pool) {
  const statement = source.prepare(
    'SELECT rowid AS sequence, project_id, trace_id FROM spans WHERE parent_span_id IS NULL ORDER BY rowid',
  );
  let batch: { sequence: number; project_id: string; trace_id: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await pool.query(
      `INSERT INTO root_span_feed (sequence, project_id, trace_id)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`,
      [
        batch.map((row) => row.sequence),
        batch.map((row) => row.project_id),
        batch.map((row) => row.trace_id),
      ],
    );
    batch = [];
  };
  for (const row of statement.iterate() as Iterable<(typeof batch)[number]>) {
    batch.push(row);
    if (batch.length >= 5000) await flush();
  }
  await flush();
}

/** The kind and model filters' rows, which SQLite keeps as columns of traces. */
async function rebuildTraceKindsAndModels(pool: pg.Pool) {
  await pool.query(
    'INSERT INTO trace_kinds SELECT DISTINCT project_id, kind, trace_id FROM spans ON CONFLICT DO NOTHING',
  );
  await pool.query(
    `INSERT INTO trace_models SELECT DISTINCT project_id, model, trace_id FROM spans WHERE model IS NOT NULL
     ON CONFLICT DO NOTHING`,
  );
}

/** Serial columns were written with explicit values; move their sequences past them. */
async function resetSequences(pool: pg.Pool, schema: string) {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = $1 AND column_default LIKE 'nextval(%'`,
    [schema],
  );
  for (const { table_name: table, column_name: column } of rows) {
    await pool.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), greatest((SELECT max(${column}) FROM ${table}), 1))`,
      [`${schema}.${table}`, column],
    );
  }
}
