import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The server `pnpm dev` runs: the same PORT and HOST it reads (README, Configuration).
const api = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  plugins: [react()],
  // The workspace packages' TypeScript sources (the problem sentences), so dev needs no build first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/api': api, '/healthz': api },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
});
