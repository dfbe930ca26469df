import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Profile, appEnvironment, projectRoot } from './profiles';
import { InfraError, waitFor } from './processes';

export const APPS = ['api', 'worker', 'relay', 'targets'] as const;
export type AppName = (typeof APPS)[number];

/** Starts the compiled apps as child processes of this one, logs to files, and waits until each is ready. */
export async function startApps(p: Profile): Promise<Map<AppName, ChildProcess>> {
  const logDir = join(p.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const children = new Map<AppName, ChildProcess>();
  for (const app of APPS) {
    const log = createWriteStream(join(logDir, `${app}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(projectRoot(), 'dist', 'apps', app, 'src', 'main.js')],
      {
        env: { ...process.env, ...appEnvironment(p), HTTP_PORT: String(p.apps[app]), HTTP_HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.set(app, child);
  }
  try {
    await Promise.all(
      APPS.map((app) =>
        waitFor(
          `${app} (http://127.0.0.1:${p.apps[app]}/health/ready)`,
          90_000,
          async () => {
            const child = children.get(app)!;
            if (child.exitCode !== null) throw new InfraError(`${app} exited with code ${child.exitCode}`);
            const response = await fetch(`http://127.0.0.1:${p.apps[app]}/health/ready`);
            return response.ok;
          },
          join(logDir, `${app}.log`),
        ),
      ),
    );
  } catch (error) {
    await stopApps(children); // leave no half-started app holding its port
    throw error;
  }
  return children;
}

export async function stopApps(children: Map<AppName, ChildProcess>): Promise<void> {
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
}
