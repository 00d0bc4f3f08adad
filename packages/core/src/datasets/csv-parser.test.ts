import { describe, expect, it } from 'vitest';
import { type CsvRecord, createCsvParser, csvField } from './csv-parser.js';

function parseInChunks(text: string, size: number): CsvRecord[] | string {
  const parser = createCsvParser();
  const records: CsvRecord[] = [];
  for (let start = 0; start < text.length; start += size) {
    const result = parser.push(text.slice(start, start + size));
    if (!result.success) return result.error;
    records.push(...result.value);
  }
  const last = parser.end();
  if (!last.success) return last.error;
  return [...records, ...last.value];
}

const tricky =
  '\uFEFFid,question,answer\r\n' +
  '1,"Hello, world","She said ""hi"""\r\n' +
  '2,"two\nlines",plain\r\n' +
  '\r\n' +
  '3,,""\n' +
  '4,"a ""quoted"", comma\r\nand CRLF",last';

describe('createCsvParser', () => {
  it('parses quotes, escaped quotes, commas and newlines in fields, whatever the chunk size', () => {
    const expected = [
      { fields: ['id', 'question', 'answer'], line: 1 },
      { fields: ['1', 'Hello, world', 'She said "hi"'], line: 2 },
      { fields: ['2', 'two\nlines', 'plain'], line: 3 },
      { fields: ['3', '', ''], line: 6 },
      { fields: ['4', 'a "quoted", comma\r\nand CRLF', 'last'], line: 7 },
    ];
    for (const size of [1, 2, 3, 7, 1000])
      expect(parseInChunks(tricky, size), `chunk ${size}`).toEqual(expected);
  });

  it('names the line of a malformed record', () => {
    expect(parseInChunks('a,b\n1,2\n3,"x"y\n', 4)).toMatch(/^line 3: unexpected 'y' after a closing quote/);
    expect(parseInChunks('a,b\n1,x"y\n', 4)).toMatch(/^line 2: a quote inside an unquoted field/);
    expect(parseInChunks('a,b\n1,2\n3,"never closed\n4,5\n', 3)).toMatch(
      /^line 3: a quoted field .* never closed/,
    );
  });

  it('quotes fields for export only when needed, and round-trips them', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
    const line = values.map(csvField).join(',');
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines",');
    expect(parseInChunks(`${line}\n`, 5)).toEqual([{ fields: values, line: 1 }]);
  });
});
