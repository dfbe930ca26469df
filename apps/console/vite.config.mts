import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// `npx vite --config apps/console/vite.config.ts` serves the console with its API calls sent to a running API
// (npm start's, unless CONSOLE_DEV_API names another); the API forwards /v1/targets to the targets app.
const api = process.env.CONSOLE_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', proxy: { '/v1': api } },
});
