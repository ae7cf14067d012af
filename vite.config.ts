import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer is served from app:// in Electron and from a per-start loopback origin in a
 * browser, so every asset URL is relative (base './'). The CSP is script-src 'self': nothing
 * may be inlined into index.html, which is why the module-preload polyfill is off (Chromium
 * supports modulepreload natively).
 */
export default defineConfig({
  root: '.',
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist-web',
    emptyOutDir: true,
    target: 'chrome128',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173 },
});
