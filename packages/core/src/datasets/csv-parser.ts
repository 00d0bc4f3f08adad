import { fail, ok, type Result } from '../result.js';

/** One parsed CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * A push parser for RFC 4180 CSV: feed it chunks as they arrive and it returns the complete records so far,
 * so a file of any size is parsed in constant memory (plus the longest record). Handles quoted fields with
 * commas, newlines and doubled quotes, CRLF or LF line ends, and a UTF-8 byte-order mark.
 * @example const parser = createCsvParser(); parser.push('a,"b ""c"""\n'); // [{ fields: ['a', 'b "c"'], line: 1 }]
 */
export function createCsvParser() {
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  /** Just saw a quote inside a quoted field: either an escaped quote or the closing one. */
  let quotePending = false;
  /** The field was quoted and closed: only a separator or line end may follow. */
  let closed = false;
  let recordStarted = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  let failure: string | null = null;

  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };

  const endRecord = (records: CsvRecord[]) => {
    // A blank line is no record.
    if (recordStarted) {
      endField();
      records.push({ fields, line: recordLine });
    }
    fields = [];
    field = '';
    closed = false;
    recordStarted = false;
  };

  const stop = (message: string): Result<never> => {
    failure = message;
    return fail(message);
  };

  return {
    /** Parses a chunk; fails with the line number at the first malformed character. */
    push(chunk: string): Result<CsvRecord[]> {
      if (failure) return fail(failure);
      const records: CsvRecord[] = [];
      let start = 0;
      if (first) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) start = 1;
      }
      // Literal characters are copied as runs (one slice per run), not one by one.
      let run = -1;
      const flush = (index: number) => {
        if (run >= 0) field += chunk.slice(run, index);
        run = -1;
      };
      for (let index = start; index < chunk.length; index += 1) {
        const character = chunk[index]!;
        if (inQuotes) {
          if (quotePending) {
            quotePending = false;
            if (character === '"') {
              run = index; // the second quote of "" is the literal one
              continue;
            }
            inQuotes = false;
            closed = true;
          } else if (character === '"') {
            flush(index);
            quotePending = true;
            continue;
          } else {
            if (character === '\n') line += 1;
            if (run < 0) run = index;
            continue;
          }
        }
        if (character === '\n') {
          flush(index);
          endRecord(records);
          line += 1;
          continue;
        }
        if (character === '\r') {
          flush(index); // before LF it ends the line with the LF; alone it carries no data
          continue;
        }
        if (!recordStarted) {
          recordStarted = true;
          recordLine = line;
        }
        if (character === ',') {
          flush(index);
          endField();
        } else if (closed) {
          return stop(
            `line ${line}: unexpected '${character}' after a closing quote; a quoted field must end at a comma or line end (write "" for a quote inside quotes)`,
          );
        } else if (character === '"') {
          if (field !== '' || run >= 0) {
            return stop(
              `line ${line}: a quote inside an unquoted field; quote the whole field and double the inner quote ("a ""b"" c")`,
            );
          }
          inQuotes = true;
        } else if (run < 0) {
          run = index;
        }
      }
      flush(chunk.length);
      return ok(records);
    },
    /** Ends the input: returns the last record, or fails when a quoted field was never closed. */
    end(): Result<CsvRecord[]> {
      if (failure) return fail(failure);
      if (inQuotes && !quotePending) {
        return stop(
          `line ${recordLine}: a quoted field starting on this record is never closed; close it with a quote`,
        );
      }
      if (inQuotes) closed = true;
      inQuotes = false;
      quotePending = false;
      const records: CsvRecord[] = [];
      endRecord(records);
      return ok(records);
    },
  };
}

/** Quotes a CSV field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
