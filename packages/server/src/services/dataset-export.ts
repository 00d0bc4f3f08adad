import { csvField, type DatasetItem } from '@sextant/core';
import type { DatasetStore } from '@sextant/store';
import type { DatasetFileFormat } from './dataset-import.js';

const exportPageSize = 1000;
const csvHeader = 'id,input,expected_output,metadata,split\n';

/** Text as is; anything else as JSON, so a CSV export re-imports to the same items for text inputs. */
const cell = (value: unknown) =>
  value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

const exportLine = (item: DatasetItem, format: DatasetFileFormat) =>
  format === 'jsonl'
    ? `${JSON.stringify({
        id: item.id,
        input: item.input,
        expectedOutput: item.expectedOutput,
        metadata: item.metadata,
        split: item.split,
      })}\n`
    : `${[
        item.id,
        cell(item.input),
        cell(item.expectedOutput),
        JSON.stringify(item.metadata),
        item.split ?? '',
      ]
        .map(csvField)
        .join(',')}\n`;

/**
 * A dataset version as a byte stream, read a page at a time as the client consumes it (pull-based, so a
 * slow client holds one page in memory, not the dataset).
 */
export function exportDataset(
  datasets: DatasetStore,
  projectId: string,
  name: string,
  options: { format: DatasetFileFormat; version: number; split?: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && options.format === 'csv') controller.enqueue(encoder.encode(csvHeader));
      started = true;
      const page = await datasets.listItems(projectId, name, {
        version: options.version,
        split: options.split,
        cursor,
        limit: exportPageSize,
      });
      if (page.items.length > 0) {
        controller.enqueue(
          encoder.encode(page.items.map((item) => exportLine(item, options.format)).join('')),
        );
      }
      if (page.nextCursor === null) controller.close();
      else cursor = page.nextCursor;
    },
  });
}
