import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `sextant serve` serves dist/ at `/` with an SPA fallback, so the base stays `/`.
// In development, `npm run dev -w @sextant/web` proxies the API to a local `sextant serve`.
export default defineConfig({
  base: '/',
  plugins: [react(), tailwindcss()],
  // The manifest lets the bundle-size test tell the initial chunks from the lazy ones.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', manifest: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:4318',
      '/v1': 'http://127.0.0.1:4318',
    },
  },
});
