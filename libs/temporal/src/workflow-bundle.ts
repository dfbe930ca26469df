import { resolve } from 'node:path';

import { type BundleOptions } from '@temporalio/worker';

/**
 * Where the workflow code is and how to bundle it. The same relative layout holds in the sources
 * (libs/temporal/src → workflows/, .ts) and in dist/ (.js), so one function serves the worker and tests.
 * Workflows may import @app/domain (pure) and types; the aliases below resolve them when bundling sources.
 */
export function workflowBundleOptions(): Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook'> {
  const libs = resolve(__dirname, '../..');
  return {
    workflowsPath: resolve(libs, '../workflows'),
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        extensions: ['.ts', '.js', ...(config.resolve?.extensions ?? [])],
        alias: {
          ...(config.resolve?.alias as Record<string, string> | undefined),
          '@app/domain': resolve(libs, 'domain/src'),
          '@app/contracts': resolve(libs, 'contracts/src'),
        },
      },
    }),
  };
}
