import {
  type CsvColumns,
  type CsvItemMapper,
  createCsvItemMapper,
  createCsvParser,
  createLineSplitter,
  type ParsedDatasetItemInput,
  parseJsonlItem,
  type Result,
  SextantError,
} from '@sextant/core';

/** What an import file holds. */
export type DatasetFileFormat = 'csv' | 'jsonl';

/** Rows per transaction: big enough to amortise the commit, small enough to keep memory flat. */
export const importBatchSize = 1000;

/**
 * Decodes and parses an upload chunk by chunk, yielding items in batches of `importBatchSize`. Holds one
 * chunk and one batch at a time, so memory does not grow with the file. Throws `bad_request` naming the
 * line of the first malformed row.
 */
export async function* parseDatasetFile(
  chunks: AsyncIterable<Uint8Array>,
  format: DatasetFileFormat,
  columns: CsvColumns,
): AsyncGenerator<ParsedDatasetItemInput[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parse = format === 'csv' ? csvItems(columns) : jsonlItems();
  let batch: ParsedDatasetItemInput[] = [];
  const take = (items: ParsedDatasetItemInput[]) => {
    for (const item of items) batch.push(item);
  };
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new SextantError('bad_request', 'the file is not valid UTF-8; save it as UTF-8 and import again');
    }
    take(unwrap(parse.push(text)));
    if (batch.length >= importBatchSize) {
      yield batch;
      batch = [];
    }
  }
  take(unwrap(parse.push(decoder.decode())));
  take(unwrap(parse.end()));
  if (batch.length > 0) yield batch;
}

const unwrap = <T>(result: Result<T>): T => {
  if (!result.success) throw new SextantError('bad_request', `${result.error}; nothing was imported`);
  return result.value;
};

interface ItemParser {
  push(text: string): Result<ParsedDatasetItemInput[]>;
  end(): Result<ParsedDatasetItemInput[]>;
}

function csvItems(columns: CsvColumns): ItemParser {
  const parser = createCsvParser();
  let mapper: CsvItemMapper | null = null;
  const map = (records: ReturnType<typeof parser.push>): Result<ParsedDatasetItemInput[]> => {
    if (!records.success) return records;
    const items: ParsedDatasetItemInput[] = [];
    for (const record of records.value) {
      if (!mapper) {
        const created = createCsvItemMapper(record, columns);
        if (!created.success) return created;
        mapper = created.value;
        continue;
      }
      const item = mapper(record);
      if (!item.success) return item;
      items.push(item.value);
    }
    return { success: true, value: items };
  };
  return { push: (text) => map(parser.push(text)), end: () => map(parser.end()) };
}

function jsonlItems(): ItemParser {
  const lines = createLineSplitter();
  const map = (numbered: ReturnType<typeof lines.push>): Result<ParsedDatasetItemInput[]> => {
    const items: ParsedDatasetItemInput[] = [];
    for (const { text, line } of numbered) {
      if (text.trim() === '') continue;
      const item = parseJsonlItem(text, line);
      if (!item.success) return item;
      items.push(item.value);
    }
    return { success: true, value: items };
  };
  return { push: (text) => map(lines.push(text)), end: () => map(lines.end()) };
}
