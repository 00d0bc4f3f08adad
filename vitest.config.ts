import { defineConfig } from 'vitest/config';

// `sextant-source` resolves workspace packages to their TypeScript sources, so tests never run stale
// builds. The name is ours alone: other packages publish a plain `source` condition that points at raw .ts.
const conditions = ['sextant-source', 'node', 'import', 'default'];
// Vitest also hands the SSR conditions to Node as --conditions, where `import` would make CommonJS
// packages (pg requiring pg-pool) load ES module entry points through require(); Vite adds import/require itself.
const serverConditions = ['sextant-source', 'node'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
