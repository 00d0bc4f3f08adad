import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface BundleSize {
  /** JavaScript the browser loads before the console can render: the entry and its static imports. */
  initial: { files: string[]; bytes: number; gzipBytes: number };
  /** Chunks loaded on demand, by manifest key. */
  lazy: { name: string; file: string; bytes: number; gzipBytes: number }[];
}

/** Measures the built console in `distDirectory` from Vite's manifest (build.manifest must be on). */
export function measureBundle(distDirectory: string): BundleSize {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDirectory, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the Vite manifest has no entry chunk');
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  const sizeOf = (file: string) => {
    const content = fs.readFileSync(path.join(distDirectory, file));
    return { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  };
  const initialFiles = [...initial].map((key) => manifest[key]!.file);
  const initialSizes = initialFiles.map(sizeOf);
  return {
    initial: {
      files: initialFiles,
      bytes: initialSizes.reduce((sum, size) => sum + size.bytes, 0),
      gzipBytes: initialSizes.reduce((sum, size) => sum + size.gzipBytes, 0),
    },
    lazy: Object.entries(manifest)
      .filter(([key, chunk]) => !initial.has(key) && chunk.file.endsWith('.js'))
      .map(([name, chunk]) => ({ name, file: chunk.file, ...sizeOf(chunk.file) })),
  };
}
