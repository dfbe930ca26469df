import 'reflect-metadata';

import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';

import { ApiModule } from '../../apps/api/src/api.module';
import { BacklogService } from '../../apps/api/src/backlog/backlog.service';
import { down, migrate, up } from '../../deploy/local/infra';
import { createDatabase, dropDatabase } from '../../deploy/local/postgres';
import { appEnvironment, authDir, databaseUrl, profile } from '../../deploy/local/profiles';
import { type TokenClaims, mintLocalToken } from '../../libs/auth/src';
import { createHttpApp } from '../../libs/config/src';
import {
  type OrgUnit,
  type OrgUnitKind,
  type Principal,
  type Role,
  actionsForRoles,
  decodeOrgPath,
  encodeOrgPath,
  memberRuleSet,
} from '../../libs/domain/src';
import { type BacklogQueryDto } from '../../apps/api/src/backlog/backlog.dto';
import { machine, percentile, writeResult } from './bench-support';

/**
 * npm run bench:backlog — a province-sized dataset (BENCH_PEOPLE people, ~10 000 org units from province to
 * branch, BENCH_OPEN_TASKS open approval tasks among twice as many done ones) on the test profile's
 * PostgreSQL, then the backlog, summary and inbox queries of a township, a county and the province, each
 * BENCH_RUNS times: through BacklogService in process (what the endpoint runs: access check, queries,
 * mapping), over HTTP with a bearer token, and as hand-written SQL on the same data.
 * Results: bench-results/backlog.json.
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
/** BENCH_REUSE=1: time the queries again on the dataset and servers a BENCH_KEEP=1 run left running. */
const REUSE = process.env.BENCH_REUSE === '1';
const KEEP = process.env.BENCH_KEEP === '1' || REUSE;
const bench = profile('test');
const DATABASE = 'xianfeng_bench_backlog';

interface Unit extends OrgUnit {
  readonly township?: Unit;
  readonly village?: Unit;
  readonly department?: Unit;
}

/** Province → 10 cities → 10 counties (each with its 组织部) → 12 townships → 1 village 党委 with 3 branches + 3 branches. */
function orgTree(): Unit[] {
  const units: Unit[] = [];
  const add = (code: string, kind: OrgUnitKind, parent: Unit | null, extra: Partial<Unit> = {}): Unit => {
    const id = randomUUID();
    const unit: Unit = {
      id,
      code,
      name: code,
      kind,
      parentId: parent?.id ?? null,
      path: [...(parent?.path ?? []), id],
      canApproveMembership: kind === 'TOWNSHIP_COMMITTEE',
      ...extra,
    };
    units.push(unit);
    return unit;
  };
  const province = add('P', 'PROVINCE_COMMITTEE', null);
  for (let c = 0; c < 10; c++) {
    const city = add(`P-C${c}`, 'CITY_COMMITTEE', province);
    for (let k = 0; k < 10; k++) {
      const county = add(`${city.code}-K${k}`, 'COUNTY_COMMITTEE', city);
      const department = add(`${county.code}-ZZB`, 'ORG_DEPARTMENT', county);
      for (let t = 0; t < 12; t++) {
        const township = add(`${county.code}-T${t}`, 'TOWNSHIP_COMMITTEE', county);
        const village = add(`${township.code}-V`, 'VILLAGE_COMMITTEE', township);
        for (let b = 0; b < 3; b++)
          add(`${village.code}-B${b}`, 'BRANCH', village, { township, village, department });
        for (let b = 3; b < 6; b++)
          add(`${township.code}-B${b}`, 'BRANCH', township, { township, department });
      }
    }
  }
  return units;
}

async function seedData(db: Client, units: readonly Unit[]): Promise<void> {
  for (let i = 0; i < units.length; i += 1000) {
    const chunk = units.slice(i, i + 1000);
    const values: unknown[] = [];
    const rows = chunk.map((unit, j) => {
      values.push(
        unit.id,
        unit.code,
        unit.name,
        unit.kind,
        unit.parentId,
        encodeOrgPath(unit.path),
        unit.path.length - 1,
        unit.canApproveMembership,
      );
      const n = j * 8;
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::org_unit_kind, $${n + 5}::uuid, $${n + 6}, $${n + 7}, $${n + 8})`;
    });
    await db.query(
      `INSERT INTO org_unit (id, code, name, kind, parent_id, path, depth, can_approve_membership) VALUES ${rows.join(', ')}`,
      values,
    );
  }
  // Where each branch's tasks go: the branch, its township, its village 党委 (review), its county 组织部.
  await db.query(
    `CREATE TABLE bench_branch (n int PRIMARY KEY, branch uuid, township uuid, village uuid, department uuid)`,
  );
  const branches = units.filter((unit) => unit.kind === 'BRANCH');
  for (let i = 0; i < branches.length; i += 1000) {
    const values: unknown[] = [];
    const rows = branches.slice(i, i + 1000).map((branch, j) => {
      values.push(i + j, branch.id, branch.township!.id, branch.village?.id ?? null, branch.department!.id);
      const n = j * 5;
      return `($${n + 1}, $${n + 2}::uuid, $${n + 3}::uuid, $${n + 4}::uuid, $${n + 5}::uuid)`;
    });
    await db.query(`INSERT INTO bench_branch VALUES ${rows.join(', ')}`, values);
  }
  await db.query(
    // Synthetic people: placeholder ciphertext, a unique stand-in for the keyed hash (the backlog never reads them).
    `INSERT INTO person (id, name, national_id_encrypted, national_id_hmac, national_id_mask, birth_date, gender)
     SELECT gen_random_uuid(), '人员' || i, 'bench:' || i, encode(sha256(i::text::bytea), 'hex'),
            '*****************0', date '1960-01-01' + (i % 15000),
            (CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END)::gender
     FROM generate_series(1, $1::int) i`,
    [PEOPLE],
  );
  const cases = OPEN_TASKS * 3;
  await db.query(
    `INSERT INTO member_case (id, person_id, branch_id, workflow_id, rule_set, stage, current_step, status, application_date)
     SELECT gen_random_uuid(), p.id, b.branch, 'bench-' || p.rn, '2026.05',
            (ARRAY['APPLICANT','ACTIVIST','DEVELOPMENT_TARGET','PROBATIONARY'])[1 + p.rn % 4]::member_stage,
            (1 + p.rn % 24)::smallint, 'OPEN', current_date - (p.rn % 900)::int
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM person LIMIT $1) p
     JOIN bench_branch b ON b.n = p.rn % (SELECT count(*) FROM bench_branch)`,
    [cases],
  );
  // One task per case: a third open. 60 % at the branch, 25 % at the township, 10 % at the village 党委
  // (or the township where there is none), 5 % at the county 组织部; deadlines from 60 days ago to 140 ahead.
  await db.query(
    `INSERT INTO approval_task (id, case_id, workflow_kind, action, step, org_unit_id, org_path, due_on, cap_on, status, created_at)
     SELECT gen_random_uuid(), c.id, 'MEMBER_DEVELOPMENT', a.action, a.step, a.unit, u.path,
            CASE WHEN c.rn % 10 = 0 THEN NULL ELSE current_date + ((c.rn * 7919) % 200 - 60)::int END,
            NULL, (CASE WHEN c.rn % 3 = 0 THEN 'OPEN' ELSE 'DONE' END)::task_status,
            now() - make_interval(days => ((c.rn * 31) % 200)::int)
     FROM (SELECT id, branch_id, row_number() OVER (ORDER BY id) AS rn FROM member_case) c
     JOIN bench_branch b ON b.branch = c.branch_id
     CROSS JOIN LATERAL (
       SELECT * FROM (VALUES
         (c.rn % 20 < 12, 'RECORD_ACTIVIST_VETTING', 6, b.branch),
         (c.rn % 20 BETWEEN 12 AND 16, 'APPROVE_ACCEPTANCE', 17, b.township),
         (c.rn % 20 BETWEEN 17 AND 18, 'REVIEW_BY_BODY', 15, coalesce(b.village, b.township)),
         (c.rn % 20 = 19, 'FILE_WITH_ORG_DEPARTMENT', 18, b.department)
       ) AS choice(pick, action, step, unit) WHERE pick
     ) a
     JOIN org_unit u ON u.id = a.unit`,
  );
  await db.query('DROP TABLE bench_branch');
  await db.query('VACUUM ANALYZE');
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((sum, ms) => sum + ms, 0) / samples.length),
  };
}

/** The same questions as a developer would write them by hand in SQL. */
const HAND_SQL = {
  backlog: `SELECT t.*, u.code AS unit_code, u.name AS unit_name, p.name AS candidate, c.stage, b.code AS branch_code, b.name AS branch_name
            FROM approval_task t JOIN org_unit u ON u.id = t.org_unit_id JOIN member_case c ON c.id = t.case_id
            JOIN org_unit b ON b.id = c.branch_id JOIN person p ON p.id = c.person_id
            WHERE t.org_path LIKE $1 || '%' AND t.status = 'OPEN'
            ORDER BY t.due_on NULLS LAST, t.id LIMIT 50`,
  overdue: `SELECT t.*, u.code AS unit_code, u.name AS unit_name, p.name AS candidate, c.stage, b.code AS branch_code, b.name AS branch_name
            FROM approval_task t JOIN org_unit u ON u.id = t.org_unit_id JOIN member_case c ON c.id = t.case_id
            JOIN org_unit b ON b.id = c.branch_id JOIN person p ON p.id = c.person_id
            WHERE t.org_path LIKE $1 || '%' AND t.status = 'OPEN' AND t.due_on < current_date
            ORDER BY t.due_on, t.id LIMIT 50`,
  summary: `SELECT split_part(t.org_path, '/', $2) AS child, count(*) AS open,
                   count(*) FILTER (WHERE t.due_on < current_date) AS overdue,
                   count(*) FILTER (WHERE t.due_on BETWEEN current_date AND current_date + 7) AS due7,
                   count(*) FILTER (WHERE t.due_on > current_date + 7 AND t.due_on <= current_date + 30) AS due30,
                   count(*) FILTER (WHERE t.due_on > current_date + 30) AS later,
                   count(*) FILTER (WHERE t.due_on IS NULL) AS undated,
                   count(*) FILTER (WHERE t.created_at > now() - interval '8 days') AS w7,
                   count(*) FILTER (WHERE t.created_at <= now() - interval '8 days' AND t.created_at > now() - interval '31 days') AS w30,
                   count(*) FILTER (WHERE t.created_at <= now() - interval '31 days' AND t.created_at > now() - interval '91 days') AS w90,
                   count(*) FILTER (WHERE t.created_at <= now() - interval '91 days') AS wmore
            FROM approval_task t WHERE t.org_path LIKE $1 || '%' AND t.status = 'OPEN' GROUP BY 1`,
  inbox: `SELECT t.*, p.name AS candidate, c.stage FROM approval_task t JOIN member_case c ON c.id = t.case_id
          JOIN person p ON p.id = c.person_id
          WHERE t.org_unit_id = $1 AND t.status = 'OPEN' AND t.action = ANY($2)
          ORDER BY t.due_on NULLS LAST, t.id LIMIT 50`,
};

async function main(): Promise<void> {
  if (!REUSE) {
    await down(bench);
    await up(bench);
    await dropDatabase(bench, DATABASE);
    await createDatabase(bench, DATABASE);
    await migrate(bench, DATABASE);
  }
  Object.assign(process.env, appEnvironment(bench), {
    DATABASE_URL: databaseUrl(bench, DATABASE),
    LOG_LEVEL: 'error',
  });
  const db = new Client({ connectionString: databaseUrl(bench, DATABASE) });
  await db.connect();
  let api: INestApplication | undefined;
  try {
    const seedStarted = Date.now();
    if (!REUSE) await seedData(db, orgTree());
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const counts = (
      await db.query<{ people: string; units: string; cases: string; open: string; done: string }>(
        `SELECT (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM org_unit) AS units,
                (SELECT count(*) FROM member_case) AS cases,
                (SELECT count(*) FROM approval_task WHERE status = 'OPEN') AS open,
                (SELECT count(*) FROM approval_task WHERE status = 'DONE') AS done`,
      )
    ).rows[0]!;

    api = await createHttpApp(ApiModule);
    await api.listen(0, '127.0.0.1');
    const address = (api.getHttpServer() as Server).address() as AddressInfo;
    const service = api.get(BacklogService);
    const byCode = new Map(
      (
        await db.query<{
          id: string;
          code: string;
          name: string;
          kind: OrgUnitKind;
          parent_id: string | null;
          path: string;
        }>(`SELECT id, code, name, kind, parent_id, path FROM org_unit WHERE code = ANY($1)`, [
          ['P', 'P-C4-K5', 'P-C4-K5-ZZB', 'P-C4-K5-T6'],
        ])
      ).rows.map((row): [string, OrgUnit] => [
        row.code,
        {
          id: row.id,
          code: row.code,
          name: row.name,
          kind: row.kind,
          parentId: row.parent_id,
          path: decodeOrgPath(row.path),
          canApproveMembership: row.kind === 'TOWNSHIP_COMMITTEE',
        },
      ]),
    );
    const levels: { level: string; subtree: OrgUnit; inboxUnit: OrgUnit; roles: Role[] }[] = [
      {
        level: 'township',
        subtree: byCode.get('P-C4-K5-T6')!,
        inboxUnit: byCode.get('P-C4-K5-T6')!,
        roles: ['ORGANISER'],
      },
      {
        level: 'county',
        subtree: byCode.get('P-C4-K5')!,
        inboxUnit: byCode.get('P-C4-K5-ZZB')!,
        roles: ['ORG_DEPARTMENT_OFFICER'],
      },
      {
        level: 'province',
        subtree: byCode.get('P')!,
        inboxUnit: byCode.get('P')!,
        roles: ['SECRETARY', 'AUDITOR'],
      },
    ];
    const results = [];
    for (const { level, subtree, inboxUnit, roles } of levels) {
      const principal: Principal = {
        subject: `bench-${level}`,
        name: level,
        personId: null,
        orgUnit: inboxUnit,
        roles,
        actingFor: null,
      };
      const claims: TokenClaims = { sub: principal.subject, name: level, org_unit: inboxUnit.id, roles };
      const authorization = `Bearer ${await mintLocalToken(authDir(bench), claims)}`;
      const http = async (path: string, query: Record<string, string>) => {
        const response = await fetch(
          `http://127.0.0.1:${address.port}${path}?${new URLSearchParams(query).toString()}`,
          {
            headers: { authorization },
          },
        );
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return response.json() as Promise<{ items?: unknown[] }>;
      };
      const query = (extra: Partial<BacklogQueryDto> = {}) =>
        ({ limit: 50, status: 'OPEN', sort: 'due', orgUnit: subtree.id, ...extra }) as BacklogQueryDto;
      const prefix = encodeOrgPath(subtree.path);
      const actions = [...new Set(actionsForRoles(roles, memberRuleSet('2026.05')))];
      const cases: Record<
        string,
        { service: () => Promise<unknown>; http: () => Promise<unknown>; sql: () => Promise<unknown> }
      > = {
        backlog: {
          service: () => service.list(principal, query()),
          http: () => http('/v1/backlog', { orgUnit: subtree.id }),
          sql: () => db.query(HAND_SQL.backlog, [prefix]),
        },
        'backlog-overdue': {
          service: () => service.list(principal, query({ overdue: true })),
          http: () => http('/v1/backlog', { orgUnit: subtree.id, overdue: 'true' }),
          sql: () => db.query(HAND_SQL.overdue, [prefix]),
        },
        summary: {
          service: () => service.summary(principal, { orgUnit: subtree.id }),
          http: () => http('/v1/backlog/summary', { orgUnit: subtree.id }),
          sql: () => db.query(HAND_SQL.summary, [prefix, subtree.path.length + 2]),
        },
        inbox: {
          service: () => service.inbox(principal, { limit: 50 }),
          http: () => http('/v1/inbox', {}),
          sql: () => db.query(HAND_SQL.inbox, [inboxUnit.id, actions]),
        },
      };
      const subtreeOpen = Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM approval_task WHERE org_path LIKE $1 || '%' AND status = 'OPEN'`,
            [prefix],
          )
        ).rows[0]!.n,
      );
      for (const [name, run] of Object.entries(cases)) {
        const [viaService, viaHttp, viaSql] = [
          await time(run.service),
          await time(run.http),
          await time(run.sql),
        ];
        results.push({
          level,
          query: name,
          openTasksInSubtree: subtreeOpen,
          serviceMs: viaService,
          httpMs: viaHttp,
          handSqlMs: viaSql,
          serviceToSqlP50: Math.round((viaService.p50 / viaSql.p50) * 100) / 100,
          serviceToSqlP99: Math.round((viaService.p99 / viaSql.p99) * 100) / 100,
        });
        process.stderr.write(
          `${level} ${name}: service p50 ${viaService.p50} p99 ${viaService.p99}, http p99 ${viaHttp.p99}, sql p50 ${viaSql.p50} p99 ${viaSql.p99}\n`,
        );
      }
    }
    writeResult('backlog', {
      benchmark: 'backlog',
      date: new Date().toISOString(),
      machine: machine(),
      dataset: {
        people: Number(counts.people),
        orgUnits: Number(counts.units),
        cases: Number(counts.cases),
        openTasks: Number(counts.open),
        doneTasks: Number(counts.done),
        seedSeconds,
      },
      runsPerQuery: RUNS,
      targets: { townshipP99Ms: 50, countyP99Ms: 200, maxRatioToHandSql: 1.5 },
      results,
    });
  } finally {
    await api?.close();
    await db.end();
    if (!KEEP) await down(bench);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
