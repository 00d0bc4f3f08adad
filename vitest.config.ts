import { defineConfig } from 'vitest/config';

// `sextant-source` resolves workspace packages to their TypeScript sources, so tests never run stale
// builds. The name is ours alone: other packages publish a plain `source` condition that points at raw .ts.
const conditions = ['sextant-source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
