import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import react from '@vitejs/plugin-react-swc';
import { type Plugin, defineConfig } from 'vite';

import CONSOLE_THEME from './src/theme.json' with { type: 'json' };

const root = fileURLToPath(new URL('.', import.meta.url));
// `npx vite --config apps/console/vite.config.ts` serves the console with its API calls sent to a running API
// (npm start's, unless CONSOLE_DEV_API names another); the API forwards /v1/targets to the targets app.
const api = process.env.CONSOLE_DEV_API ?? 'http://127.0.0.1:3000';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each script and style sheet, at the highest levels once
 * at build time; the API sends the copy the browser accepts (a third to a quarter of the bytes).
 */
function precompress(): Plugin {
  return {
    name: 'xianfeng-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const path = join(options.dir ?? '', file);
        const source = readFileSync(path);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(source, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(source, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

const ANTD_STYLES = 'virtual:antd-styles.css';

/**
 * Ant Design's styles for the console's theme as one style sheet (`import 'virtual:antd-styles.css'`), rendered
 * once at build time with @ant-design/static-style-extract, so that the browser, in zero-runtime mode, does not
 * compute and insert each component's CSS on its first render.
 */
function antdStyles(): Plugin {
  let production = true;
  let css: string | undefined;
  return {
    name: 'xianfeng-antd-styles',
    configResolved(config) {
      production = config.isProduction;
    },
    resolveId: (id) => (id === ANTD_STYLES ? ANTD_STYLES : undefined),
    load(id) {
      if (id !== ANTD_STYLES) return undefined;
      if (css === undefined) {
        // The class names carry a hash whose prefix depends on NODE_ENV when cssinjs is first loaded: set it as
        // the browser's bundle will see it before anything of Ant Design is required.
        process.env.NODE_ENV = production ? 'production' : 'development';
        const require = createRequire(import.meta.url);
        const { createElement } = require('react') as typeof import('react');
        const { ConfigProvider } = require('antd') as typeof import('antd');
        const { extractStyle } = require('@ant-design/static-style-extract') as {
          extractStyle: (options: {
            customTheme: (node: import('react').ReactElement) => import('react').ReactElement;
            excludes: string[];
          }) => string;
        };
        css = extractStyle({
          customTheme: (node) => createElement(ConfigProvider, { theme: CONSOLE_THEME }, node),
          // Tour's rules come out malformed when it is rendered alone, and the console has no tour.
          excludes: ['Tour'],
        });
      }
      return css;
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), antdStyles(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', proxy: { '/v1': api } },
});
