import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

// The renderer: three pages — the counter app, the customer display (same origin, its own preload)
// and the checkout host (served on its own origin).
export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // main serves each origin only the files this manifest lists for its page (main/app/static-site.ts).
    manifest: 'site-manifest.json',
    rollupOptions: {
      input: {
        index: resolve(root, 'renderer/index.html'),
        'checkout-host': resolve(root, 'renderer/checkout-host.html'),
        customer: resolve(root, 'renderer/customer.html'),
      },
    },
  },
});
