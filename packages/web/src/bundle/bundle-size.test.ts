import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureBundle } from './bundle-size.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

describe('the built console', () => {
  it('keeps its initial JavaScript small and loads the chart library lazily', () => {
    expect(fs.existsSync(path.join(dist, '.vite', 'manifest.json')), 'run `npm run build` first').toBe(true);
    const size = measureBundle(dist);
    const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(
      `console bundle: initial JS ${kilobytes(size.initial.gzipBytes)} gzip (${kilobytes(size.initial.bytes)} raw); lazy: ${size.lazy
        .map((chunk) => `${path.basename(chunk.name)} ${kilobytes(chunk.gzipBytes)}`)
        .join(', ')}`,
    );
    // React and React DOM alone are about 60 KiB gzip; the budget leaves room for the shell and trace list.
    expect(size.initial.gzipBytes).toBeLessThan(100 * 1024);
    const initialText = size.initial.files
      .map((file) => fs.readFileSync(path.join(dist, file), 'utf8'))
      .join('\n');
    expect(initialText).not.toContain('u-legend'); // a class name only uPlot's code holds
    const chart = size.lazy.find((chunk) => chunk.name.includes('uplot-chart'));
    expect(chart, 'the chart chunk is split out').toBeDefined();
  });
});
