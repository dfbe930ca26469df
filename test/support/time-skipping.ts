import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type ActivityInterceptorsFactory, DefaultLogger, Runtime, Worker } from '@temporalio/worker';

import { temporalTestServerPath } from '../../deploy/local/temporal';
import { type LocalDate, chinaLocalDate } from '../../libs/domain/src';
import { CASE_SEARCH_ATTRIBUTE_TYPES, workflowBundleOptions } from '../../libs/temporal/src';
import { testDataConverter } from './codec';

/** The time-skipping test server with a worker running the real workflow bundle and the given activities. */
export interface TimeSkippingWorker {
  readonly env: TestWorkflowEnvironment;
  /** The server's business day in China (it runs ahead as tests skip time). */
  today(): Promise<LocalDate>;
  /** Sleeps until the start of `date` in China (plus a little), letting timers fire. */
  sleepUntil(date: LocalDate): Promise<void>;
  stop(): Promise<void>;
}

export async function startTimeSkippingWorker(
  taskQueue: string,
  activities: object,
  activityInterceptors: ActivityInterceptorsFactory[] = [],
): Promise<TimeSkippingWorker> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  // Client and worker encrypt payloads as the apps do: the workflows run through the codec in every test.
  const dataConverter = testDataConverter();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    client: { dataConverter },
  });
  // As the local scripts register them on the dev server (the test server cannot list them, only add).
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: CASE_SEARCH_ATTRIBUTE_TYPES,
  });
  const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    bundlerOptions: { webpackConfigHook },
    activities,
    interceptors: { activity: activityInterceptors },
    dataConverter,
  });
  const running = worker.run();
  return {
    env,
    today: async () => chinaLocalDate(new Date(await env.currentTimeMs())),
    sleepUntil: async (date) => {
      const target = Date.parse(`${date}T00:00:00+08:00`) + 60_000;
      const now = await env.currentTimeMs();
      if (target > now) await env.sleep(target - now);
    },
    stop: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
