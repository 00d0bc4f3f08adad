import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import type { CsvRecord } from './csv-parser.js';
import { datasetItemInputSchema, type ParsedDatasetItemInput } from './dataset-item.js';

/** Which CSV columns become which part of an item. Column names are matched against the header row. */
export const csvColumnsSchema = z.object({
  /** One column: the input is its text. Several: the input is an object keyed by column name. */
  input: z.array(z.string().min(1)).min(1).default(['input']),
  expected: z.string().min(1).optional(),
  /** Columns copied into metadata by name. */
  metadata: z.array(z.string().min(1)).default([]),
  split: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
});
export type CsvColumns = z.output<typeof csvColumnsSchema>;
export type CsvColumnsInput = z.input<typeof csvColumnsSchema>;

/** Turns one CSV record into an item, or says on which line and why it cannot. */
export type CsvItemMapper = (record: CsvRecord) => Result<ParsedDatasetItemInput>;

/**
 * Checks the chosen columns against the header and returns the mapper for the data rows.
 * `expected`, `split` and `id` default to columns named expected_output / expected, split and id when present.
 */
export function createCsvItemMapper(header: CsvRecord, columns: CsvColumns): Result<CsvItemMapper> {
  const names = header.fields.map((name) => name.trim());
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const pick = (name: string | undefined) => (name === undefined ? undefined : indexOf.get(name));
  const missing = [...columns.input, columns.expected, ...columns.metadata, columns.split, columns.id].filter(
    (name): name is string => name !== undefined && !indexOf.has(name),
  );
  if (missing.length > 0) {
    return fail(
      `line ${header.line}: the header has no column ${missing.map((name) => `'${name}'`).join(', ')}; ` +
        `columns: ${names.join(', ')} (choose columns with the input/expected/metadata/split options)`,
    );
  }
  const inputIndexes = columns.input.map((name) => indexOf.get(name)!);
  const expectedIndex =
    pick(columns.expected) ??
    indexOf.get('expected_output') ??
    indexOf.get('expectedOutput') ??
    indexOf.get('expected');
  const splitIndex = pick(columns.split) ?? indexOf.get('split');
  const idIndex = pick(columns.id) ?? indexOf.get('id');
  const metadataIndexes = columns.metadata.map((name) => [name, indexOf.get(name)!] as const);

  return ok((record: CsvRecord) => {
    if (record.fields.length !== names.length) {
      return fail(
        `line ${record.line}: ${record.fields.length} fields, but the header has ${names.length}; ` +
          'quote fields that contain commas or line breaks',
      );
    }
    const field = (index: number) => record.fields[index] ?? '';
    const input =
      inputIndexes.length === 1
        ? field(inputIndexes[0]!)
        : Object.fromEntries(columns.input.map((name, position) => [name, field(inputIndexes[position]!)]));
    const split = splitIndex === undefined ? undefined : field(splitIndex) || undefined;
    const id = idIndex === undefined ? undefined : field(idIndex) || undefined;
    return validate(
      {
        id,
        input,
        expectedOutput: expectedIndex === undefined ? undefined : field(expectedIndex) || undefined,
        metadata: Object.fromEntries(metadataIndexes.map(([name, index]) => [name, field(index)])),
        split,
      },
      record.line,
    );
  });
}

/**
 * Parses one JSONL line: an object with `input` and optionally `expectedOutput` (or `expected_output`,
 * `expected`), `metadata`, `split` and `id`.
 */
export function parseJsonlItem(text: string, line: number): Result<ParsedDatasetItemInput> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`line ${line}: not valid JSON (${(error as Error).message}); write one JSON object per line`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`line ${line}: expected a JSON object with an "input" field`);
  }
  const object = value as Record<string, unknown>;
  if (!('input' in object)) return fail(`line ${line}: the object has no "input" field`);
  return validate(
    {
      id: object.id,
      input: object.input,
      expectedOutput: object.expectedOutput ?? object.expected_output ?? object.expected,
      metadata: object.metadata ?? {},
      split: object.split,
    },
    line,
  );
}

function validate(candidate: Record<string, unknown>, line: number): Result<ParsedDatasetItemInput> {
  const parsed = datasetItemInputSchema.safeParse(candidate);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail(`line ${line}: ${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}`);
}
