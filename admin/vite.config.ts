import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The newsroom app: built into dist/admin and served by the server at /admin (src/newsroom/admin-app/).
export default defineConfig({
  root,
  base: '/admin/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/admin', import.meta.url)),
    emptyOutDir: true,
    // The editor (ProseMirror) is the bulk of the bundle; one chunk of ~400 kB is fine for a newsroom on a laptop.
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npx vite --config admin/vite.config.ts` during development; the API comes from `npm start`.
    proxy: { '/admin/api': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000' },
  },
});
