import { type INestApplication, type Type } from '@nestjs/common';
import { type AddressInfo } from 'node:net';

import { ApiModule } from '../../apps/api/src/api.module';
import { setupConsole } from '../../apps/api/src/console/serve-console';
import { setupOpenApi } from '../../apps/api/src/openapi/openapi';
import { RelayModule } from '../../apps/relay/src/relay.module';
import { setupTargetsOpenApi } from '../../apps/targets/src/openapi';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createHttpApp } from '../../libs/config/src/bootstrap';
import { checkDryRuns } from './dry-run-check';

export interface RunningApps {
  readonly api: INestApplication;
  readonly worker: INestApplication;
  readonly relay: INestApplication;
  readonly targets: INestApplication;
  /** How many recorded actions were compared with their dry run (see checkDryRuns). */
  dryRunsChecked(): number;
  /** Fails when a dry run answered otherwise than recording the same action did. */
  close(): Promise<void>;
}

/** Creates and initialises an app as main.ts does (not yet listening). */
export async function boot(
  module: Type<unknown>,
  configure?: (app: INestApplication) => void,
): Promise<INestApplication> {
  const app = await createHttpApp(module);
  configure?.(app);
  await app.init();
  return app;
}

/**
 * Boots an app as `boot` does with some variables of the environment changed (an app reads its config once, at
 * boot; undefined removes a variable), then restores them for the apps booted after it.
 */
export async function bootWith(
  changes: Readonly<Record<string, string | undefined>>,
  module: Type<unknown>,
  configure?: (app: INestApplication) => void,
): Promise<INestApplication> {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Readonly<Record<string, string | undefined>>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(changes);
  try {
    return await boot(module, configure);
  } finally {
    apply(saved);
  }
}

/** Listens on a free loopback port; the app's base URL. */
export async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
}

/** Boots every app in this process, exactly as main.ts does, against the test servers. */
export async function startAllApps(): Promise<RunningApps> {
  const [api, worker, relay, targets] = await Promise.all([
    boot(ApiModule, (app) => {
      setupConsole(app);
      setupOpenApi(app);
    }),
    boot(WorkerModule),
    boot(RelayModule),
    boot(TargetsModule, setupTargetsOpenApi),
  ]);
  const dryRuns = checkDryRuns(api);
  return {
    api,
    worker,
    relay,
    targets,
    dryRunsChecked: dryRuns.checked,
    close: async () => {
      await Promise.all([api.close(), worker.close(), relay.close(), targets.close()]);
      if (dryRuns.mismatches.length > 0) {
        throw new Error(
          `dry runs answered otherwise than recording:\n${JSON.stringify(dryRuns.mismatches, null, 2)}`,
        );
      }
    },
  };
}
