// The UI is built into web/dist, which build.rs embeds in the binary.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // One bundle per library group keeps the cached files stable across app changes.
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
    // The bundler's timing report is noise in `make` output.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npm run dev` proxies the APIs to a server started with `actorgraph serve`.
    proxy: Object.fromEntries(
      ['/api', '/sparql', '/query', '/update', '/store', '/health'].map((p) => [p, process.env.ACTORGRAPH_URL || 'http://127.0.0.1:7878']),
    ),
  },
});
