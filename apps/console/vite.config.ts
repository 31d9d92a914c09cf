import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is served by the API at /console (no CDN, no second server): one hashed script and
 * one hashed stylesheet, no inline code (the Content-Security-Policy allows none).
 */
export default defineConfig({
  root,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // No inline <script> or data: module preload polyfill: the policy forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '^/(?!console)': 'http://127.0.0.1:3000' } },
});
