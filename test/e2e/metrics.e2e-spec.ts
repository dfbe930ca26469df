import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { type App } from 'supertest/types';

import { TOPICS } from '../../libs/contracts/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { type Sample, parseExposition, samplesOf, total } from '../support/prometheus';
import { freePort } from '../support/ports';

/**
 * /metrics of every app after one case went through the whole path (API → Temporal worker → outbox → relay →
 * Kafka → targets consumer): each app's named series are there with values that fit what happened.
 */
const TOKEN = `metrics-${randomUUID()}`;
const BRANCH = 'DX-DZ-DC-B1';
const TOWNSHIP = 'DX-DZ';

describe('metrics of every app (e2e)', () => {
  let apps: RunningApps;
  let api: TestAgent;
  const saved = { ...process.env };

  async function scrape(app: keyof Omit<RunningApps, 'dryRunsChecked' | 'close'>): Promise<Sample[]> {
    const response = await request(apps[app].getHttpServer() as App)
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200)
      .expect('Content-Type', /^text\/plain;.*version=0\.0\.4/);
    return parseExposition(response.text);
  }

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_metrics');
    process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-metrics-${randomUUID()}`;
    process.env.METRICS_TOKEN = TOKEN;
    process.env.TEMPORAL_WORKER_METRICS_ADDRESS = `127.0.0.1:${await freePort()}`;
    apps = await startAllApps();
    api = await signedIn(apps.api.getHttpServer() as App, 'dc-b1-secretary');
  });

  afterAll(async () => {
    await apps.close();
    process.env = saved;
  });

  it('asks for the token when one is configured', async () => {
    const refused = await request(apps.relay.getHttpServer() as App)
      .get('/metrics')
      .expect(401);
    expect(refused.body).toMatchObject({ status: 401 });
    await request(apps.relay.getHttpServer() as App)
      .get('/metrics')
      .set('Authorization', 'Bearer wrong')
      .expect(401);
  });

  it('shows one application on its way through every app', async () => {
    const created = await api
      .post('/v1/member-cases')
      .set('Idempotency-Key', `metrics-${randomUUID()}`)
      .send({
        name: '周敏',
        nationalId: nationalIdFor('19970412', '338'),
        birthDate: '1997-04-12',
        branch: BRANCH,
        applicationDate: '2026-11-02',
      })
      .expect(201);
    const caseId = (created.body as { id: string }).id;
    await api.get(`/v1/member-cases/${caseId}`).expect(200);
    await api.get(`/v1/member-cases/${caseId}/no-such-thing`).expect(404);

    // API: requests by route template (never a case id), the cases and tasks the store holds.
    const fromApi = await scrape('api');
    expect(
      total(fromApi, 'http_server_request_duration_seconds_count', {
        method: 'POST',
        route: '/v1/member-cases',
        status_code: '201',
      }),
    ).toBe(1);
    expect(
      total(fromApi, 'http_server_request_duration_seconds_count', {
        method: 'GET',
        route: '/v1/member-cases/:id',
        status_code: '200',
      }),
    ).toBe(1);
    expect(total(fromApi, 'http_server_request_duration_seconds_count', { status_code: '404' })).toBe(1);
    expect(
      samplesOf(fromApi, 'http_server_request_duration_seconds_count').filter((sample) =>
        sample.labels.route?.includes(caseId),
      ),
    ).toEqual([]);
    expect(total(fromApi, 'xianfeng_open_cases', { kind: 'member', stage: 'APPLICANT' })).toBe(1);
    expect(total(fromApi, 'xianfeng_open_tasks', { township: TOWNSHIP })).toBeGreaterThanOrEqual(1);
    expect(total(fromApi, 'xianfeng_overdue_tasks', { township: TOWNSHIP })).toBe(0);
    expect(total(fromApi, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // Relay: the application's event published, nothing left waiting.
    const published = await eventually('the relay to publish the event', async () => {
      const fromRelay = await scrape('relay');
      const count = total(fromRelay, 'xianfeng_relay_published_events_total', {
        topic: TOPICS.memberDevelopment,
      });
      return count >= 1 && total(fromRelay, 'xianfeng_outbox_pending_events') === 0 ? fromRelay : undefined;
    });
    expect(total(published, 'xianfeng_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(total(published, 'xianfeng_relay_publish_batch_duration_seconds_count')).toBeGreaterThanOrEqual(1);

    // Targets consumer: its own group reads the topics from the start (earlier suites' events and poison
    // messages too), so wait until it has applied messages and read every partition it took to its end.
    const consumed = await eventually('the targets consumer to catch up', async () => {
      const fromTargets = await scrape('targets');
      const lags = samplesOf(fromTargets, 'xianfeng_consumer_lag_messages', {
        topic: TOPICS.memberDevelopment,
      });
      const applied = total(fromTargets, 'xianfeng_consumer_messages_total', {
        topic: TOPICS.memberDevelopment,
      });
      return applied >= 1 && lags.length > 0 && total(fromTargets, 'xianfeng_consumer_lag_messages') === 0
        ? fromTargets
        : undefined;
    });
    expect(
      total(consumed, 'xianfeng_consumer_batch_apply_duration_seconds_count', {
        topic: TOPICS.memberDevelopment,
      }),
    ).toBeGreaterThanOrEqual(1);
    // One dead-letter series per topic read, from zero (how many depends on what earlier suites sent).
    expect(
      samplesOf(consumed, 'xianfeng_consumer_dead_lettered_total')
        .map((sample) => sample.labels.topic)
        .sort(),
    ).toEqual([TOPICS.cadre, TOPICS.memberDevelopment, TOPICS.reservePool].sort());

    // Worker: the Temporal SDK's own series, appended to the worker's.
    const fromWorker = await scrape('worker');
    expect(
      total(fromWorker, 'temporal_workflow_task_execution_latency_count', { namespace: 'default' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(fromWorker, 'temporal_activity_execution_latency_count', { namespace: 'default' }),
    ).toBeGreaterThanOrEqual(1);
    expect(samplesOf(fromWorker, 'temporal_worker_task_slots_available')).not.toEqual([]);
    expect(total(fromWorker, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // The Grafana dashboard asks only for series the apps expose, by labels they carry.
    const exposed = [...fromApi, ...published, ...consumed, ...fromWorker];
    const dashboard = JSON.parse(
      readFileSync(join(__dirname, '../../deploy/grafana/xianfeng-dashboard.json'), 'utf8'),
    ) as { panels: { title: string; targets: { expr: string }[] }[] };
    const asked = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
    expect(asked.length).toBeGreaterThan(10);
    const unknown = asked.flatMap((expr) => {
      const names = expr.match(/\b(?:xianfeng|http_server|temporal)_[a-z0-9_]+/g) ?? [];
      // Labels grouped by; `le` is the histogram's, `job` the scraper's.
      const labels = [...expr.matchAll(/by \(([^)]*)\)/g)]
        .flatMap((match) => match[1]!.split(',').map((label) => label.trim()))
        .filter((label) => label !== 'le' && label !== 'job');
      return names.flatMap((name) => {
        const series = exposed.filter((sample) => sample.name === name);
        if (series.length === 0) return [`${name} (not exposed)`];
        return labels
          .filter((label) => !series.some((sample) => label in sample.labels))
          .map((label) => `${name} has no label ${label}`);
      });
    });
    expect(unknown).toEqual([]);
  });
});
