import 'reflect-metadata';

import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { loadavg } from 'node:os';

import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';

import { ApiModule } from '../../apps/api/src/api.module';
import { type CaseListPage, CaseSearchService } from '../../apps/api/src/search/case-search.service';
import { down, migrate } from '../../deploy/local/infra';
import { createDatabase, dropDatabase, startPostgres } from '../../deploy/local/postgres';
import { appEnvironment, authDir, databaseUrl, profile } from '../../deploy/local/profiles';
import { ensureLocalIssuer, mintLocalToken } from '../../libs/auth/src';
import { createHttpApp } from '../../libs/config/src';
import {
  type OrgUnit,
  type OrgUnitKind,
  type Principal,
  type Role,
  decodeOrgPath,
  encodeOrgPath,
  withCheckCharacter,
} from '../../libs/domain/src';
import { type CaseListItem, PersonIdProtector } from '../../libs/persistence/src';
import { machine, percentile, writeResult } from './bench-support';

/**
 * npm run bench:search — a province (BENCH_PEOPLE people, ~10 000 org units from province to branch,
 * BENCH_MEMBER_CASES member cases, a tenth as many cadre cases, reservists, open tasks a third of them overdue)
 * seeded in SQL on the test profile's PostgreSQL, then the case lists a county org department and the province
 * ask most: a county's list (by last change and by name), a name search (a whole 3-character name and a
 * 2-character part, province-wide and in a county), an ID number lookup, the overdue filter, the province's
 * list, each BENCH_RUNS times in process (CaseSearchService: scope check, queries, mapping) and over HTTP.
 * Results: bench-results/search.json.
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const MEMBER_CASES = Number(process.env.BENCH_MEMBER_CASES ?? 300_000);
const CADRE_CASES = Math.round(MEMBER_CASES / 10);
const RESERVE_ENTRIES = Math.round(MEMBER_CASES / 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = 10;
/** BENCH_REUSE=1: time the queries again on the dataset a BENCH_KEEP=1 run left running. */
const REUSE = process.env.BENCH_REUSE === '1';
const KEEP = process.env.BENCH_KEEP === '1' || REUSE;
const bench = profile('test');
const DATABASE = 'xianfeng_bench_search';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪' +
  '范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅小文斌宇浩凯鹏飞鑫晨欣怡佳颖思雨婷雪琳晶冬梦海波林春燕东辉荣' +
  '新利俊峰亮成宁亚瑞博翔诚康良永福';

/** Province → 10 cities → 10 counties (each with its 组织部) → 12 townships → a village 党委 with 3 branches + 3 branches. */
const LEVELS: readonly (readonly [
  parent: OrgUnitKind,
  kind: OrgUnitKind,
  suffix: string,
  label: string,
])[][] = [
  Array.from(
    { length: 10 },
    (_, c) => ['PROVINCE_COMMITTEE', 'CITY_COMMITTEE', `-C${c}`, `第${c}市委`] as const,
  ),
  Array.from(
    { length: 10 },
    (_, k) => ['CITY_COMMITTEE', 'COUNTY_COMMITTEE', `-K${k}`, `第${k}县委`] as const,
  ),
  [
    ['COUNTY_COMMITTEE', 'ORG_DEPARTMENT', '-ZZB', '组织部'] as const,
    ...Array.from(
      { length: 12 },
      (_, t) => ['COUNTY_COMMITTEE', 'TOWNSHIP_COMMITTEE', `-T${t}`, `第${t}镇党委`] as const,
    ),
  ],
  [
    ['TOWNSHIP_COMMITTEE', 'VILLAGE_COMMITTEE', '-V', '村党委'] as const,
    ...Array.from({ length: 3 }, (_, b) => ['TOWNSHIP_COMMITTEE', 'BRANCH', `-B${b}`, `第${b}支部`] as const),
  ],
  Array.from({ length: 3 }, (_, b) => ['VILLAGE_COMMITTEE', 'BRANCH', `-B${b}`, `第${b}支部`] as const),
];

async function seedOrgTree(db: Client): Promise<void> {
  await db.query(`INSERT INTO org_unit (id, code, name, kind, parent_id, path, depth)
    SELECT id, 'P', '省委', 'PROVINCE_COMMITTEE', NULL, '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) x`);
  for (const level of LEVELS) {
    const column = (index: number) => level.map((row) => row[index]);
    await db.query(
      `INSERT INTO org_unit (id, code, name, kind, parent_id, path, depth, can_approve_membership)
       SELECT x.id, x.pcode || x.suffix, x.pname || x.label, x.kind::org_unit_kind, x.pid, x.ppath || x.id || '/',
              x.pdepth + 1, x.kind = 'TOWNSHIP_COMMITTEE'
       FROM (SELECT gen_random_uuid() AS id, p.code AS pcode, p.name AS pname, p.id AS pid, p.path AS ppath,
                    p.depth AS pdepth, s.*
             FROM org_unit p
             JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s(parent_kind, kind, suffix, label)
               ON s.parent_kind = p.kind::text) x`,
      [column(0), column(1), column(2), column(3)],
    );
  }
}

/**
 * People with Chinese names (a surname and one or two given characters: ~400 000 distinct names), then cases
 * spread over the branches (member) and villages (cadre, reserve) in random order, as years of work leave them
 * in the heap; one task per member case (a third of the open ones open, due from 60 days ago to 140 ahead) and
 * one per open cadre case.
 */
async function seedPeopleAndCases(db: Client): Promise<void> {
  await db.query(
    `INSERT INTO person (id, name, national_id_encrypted, national_id_hmac, national_id_mask, birth_date, gender)
     SELECT gen_random_uuid(),
       s.a[1 + (hashint8(i) & 1048575) % array_length(s.a, 1)]
       || g.a[1 + (hashint8(-i) & 1048575) % array_length(g.a, 1)]
       || CASE WHEN i % 3 = 0 THEN '' ELSE g.a[1 + (hashint8(i + 1000000000) & 1048575) % array_length(g.a, 1)] END,
       'bench:' || i, encode(sha256(i::text::bytea), 'hex'), '*****************' || (i % 10),
       date '1960-01-01' + (i % 15000)::int, (CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END)::gender
     FROM generate_series(1::bigint, $1::bigint) i,
       (SELECT string_to_array($2::text, NULL) AS a) s, (SELECT string_to_array($3::text, NULL) AS a) g`,
    [PEOPLE, SURNAMES, GIVEN],
  );
  await db.query(
    `CREATE TEMP TABLE bench_person AS SELECT row_number() OVER (ORDER BY id) AS rn, id FROM person`,
  );
  await db.query(`CREATE TEMP TABLE bench_branch AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS n, id FROM org_unit WHERE kind = 'BRANCH'`);
  await db.query(`CREATE TEMP TABLE bench_village AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS n, id, parent_id FROM org_unit
    WHERE kind = 'VILLAGE_COMMITTEE' OR (kind = 'BRANCH' AND code NOT LIKE '%-V-%')`);
  await db.query(
    `INSERT INTO member_case (id, person_id, branch_id, workflow_id, rule_set, stage, current_step, status,
                              application_date, created_at, updated_at)
     SELECT gen_random_uuid(), p.id, b.id, 'bench-m-' || p.rn, CASE WHEN p.rn % 5 = 0 THEN '2014' ELSE '2026.05' END,
       (ARRAY['APPLICANT','ACTIVIST','DEVELOPMENT_TARGET','PROBATIONARY','FULL_MEMBER'])[1 + p.rn % 5]::member_stage,
       (1 + p.rn % 25)::smallint, (CASE WHEN p.rn % 10 = 0 THEN 'CLOSED' ELSE 'OPEN' END)::case_status,
       current_date - (p.rn % 900)::int, now() - make_interval(days => (p.rn % 900)::int),
       now() - make_interval(secs => ((p.rn * 7919) % (900 * 86400))::int)
     FROM bench_person p
     JOIN bench_branch b ON b.n = (hashint8(p.rn * 31) & 1073741823) % (SELECT count(*) FROM bench_branch)
     WHERE p.rn <= $1 ORDER BY p.rn`,
    [MEMBER_CASES],
  );
  await db.query(
    `INSERT INTO cadre_case (id, person_id, workflow_id, programme_id, post, village_id, channel, stage, status,
                             nominated_on, created_at, updated_at)
     SELECT gen_random_uuid(), p.id, 'bench-c-' || p.rn, (ARRAY['GUIYAN','XIANREN','DINGZHI'])[1 + p.rn % 3],
       (ARRAY['SECRETARY_ASSISTANT','DIRECTOR_ASSISTANT','VILLAGE_COMMITTEE_MEMBER'])[1 + (p.rn / 3) % 3], v.id,
       'TOWNSHIP', (ARRAY['NOMINATED','QUALIFIED','JOINT_REVIEW','ASSESSMENT','DECISION','NOTICE','PLACEMENT',
                          'TRIAL','CONFIRMED'])[1 + p.rn % 9],
       (CASE WHEN p.rn % 8 = 0 THEN 'CLOSED' ELSE 'OPEN' END)::case_status, current_date - (p.rn % 700)::int,
       now() - make_interval(days => (p.rn % 700)::int),
       now() - make_interval(secs => ((p.rn * 7919) % (700 * 86400))::int)
     FROM bench_person p
     JOIN bench_village v ON v.n = (hashint8(p.rn * 37) & 1073741823) % (SELECT count(*) FROM bench_village)
     WHERE p.rn > $1 AND p.rn <= $1 + $2 ORDER BY p.rn`,
    [MEMBER_CASES, CADRE_CASES],
  );
  await db.query(
    `INSERT INTO reserve_entry (id, person_id, workflow_id, village_id, township_id, category, status, entry_step,
                                recommended_on, created_at, updated_at)
     SELECT gen_random_uuid(), p.id, 'bench-r-' || p.rn, v.id, v.parent_id, 'LOCAL_GRADUATE',
       (ARRAY['ENTERING','ACTIVE','ACTIVE','ACTIVE','LISTED_FOR_INSPECTION','USED','REMOVED','NOT_ADMITTED'])[1 + p.rn % 8],
       'RECOMMENDED', current_date - (p.rn % 700)::int, now() - make_interval(days => (p.rn % 700)::int),
       now() - make_interval(secs => ((p.rn * 7919) % (700 * 86400))::int)
     FROM bench_person p
     JOIN bench_village v ON v.n = (hashint8(p.rn * 41) & 1073741823) % (SELECT count(*) FROM bench_village)
     WHERE p.rn > $1 AND p.rn <= $1 + $2 ORDER BY p.rn`,
    [MEMBER_CASES + CADRE_CASES, RESERVE_ENTRIES],
  );
  await db.query(`INSERT INTO approval_task (id, case_id, workflow_kind, action, step, org_unit_id, org_path, due_on,
                                            status, created_at)
    SELECT gen_random_uuid(), c.id, 'MEMBER_DEVELOPMENT', 'RECORD_ACTIVIST_VETTING', c.current_step, u.id, u.path,
      CASE WHEN c.rn % 10 = 0 THEN NULL ELSE current_date + ((c.rn * 7919) % 200 - 60)::int END,
      (CASE WHEN c.rn % 3 = 0 AND c.status = 'OPEN' THEN 'OPEN' ELSE 'DONE' END)::task_status, c.updated_at
    FROM (SELECT mc.*, row_number() OVER (ORDER BY id) AS rn FROM member_case mc) c
    JOIN org_unit u ON u.id = c.branch_id ORDER BY c.id`);
  await db.query(`INSERT INTO approval_task (id, case_id, workflow_kind, action, step, org_unit_id, org_path, due_on,
                                            status, created_at)
    SELECT gen_random_uuid(), c.id, 'CADRE_RECRUITMENT', 'REVIEW_QUALIFICATION', 2, t.id, t.path,
      current_date + ((c.rn * 7919) % 200 - 60)::int, 'OPEN', c.updated_at
    FROM (SELECT cc.*, row_number() OVER (ORDER BY id) AS rn FROM cadre_case cc WHERE cc.status = 'OPEN') c
    JOIN org_unit v ON v.id = c.village_id JOIN org_unit t ON t.id = v.parent_id ORDER BY c.id`);
  for (const table of ['bench_person', 'bench_branch', 'bench_village'])
    await db.query(`DROP TABLE ${table}`);
  await db.query('VACUUM ANALYZE');
}

/** Some people with cases get a real ID number: its keyed hash under the bench's key is what the lookup finds. */
async function numberedPeople(db: Client, protector: PersonIdProtector): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT p.id FROM person p JOIN member_case mc ON mc.person_id = p.id ORDER BY mc.id LIMIT 50`,
  );
  const numbers: string[] = [];
  for (const [index, row] of rows.entries()) {
    const number = withCheckCharacter(`32060219900101${String(100 + index)}`);
    await db.query(`UPDATE person SET national_id_hmac = $2 WHERE id = $1`, [
      row.id,
      protector.lookupHash(number),
    ]);
    numbers.push(number);
  }
  return numbers;
}

interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

async function time(run: (index: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((sum, ms) => sum + ms, 0) / samples.length),
  };
}

async function unitsByCode(db: Client, codes: readonly string[]): Promise<Map<string, OrgUnit>> {
  const { rows } = await db.query<{
    id: string;
    code: string;
    name: string;
    kind: OrgUnitKind;
    parent_id: string | null;
    path: string;
  }>(`SELECT id, code, name, kind, parent_id, path FROM org_unit WHERE code = ANY($1)`, [codes]);
  return new Map(
    rows.map((row): [string, OrgUnit] => [
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
}

interface Caller {
  readonly principal: Principal;
  readonly authorization: string;
}

async function caller(unit: OrgUnit, roles: Role[]): Promise<Caller> {
  const subject = `bench-${unit.code}`;
  const token = await mintLocalToken(authDir(bench), {
    sub: subject,
    name: unit.name,
    org_unit: unit.id,
    roles,
  });
  return {
    principal: { subject, name: unit.name, personId: null, orgUnit: unit, roles, actingFor: null },
    authorization: `Bearer ${token}`,
  };
}

type Query = Record<string, string | number | boolean>;
interface BenchCase {
  readonly name: string;
  readonly who: Caller;
  /** The filters of run i (samples rotate through the numbers and names). */
  readonly query: (index: number) => Query;
  /** POST …/search with a body (ID numbers), else GET with a query string. */
  readonly body?: boolean;
  readonly kind?: 'member' | 'cadre';
}

async function main(): Promise<void> {
  if (!REUSE) {
    await down(bench);
    await ensureLocalIssuer(authDir(bench));
    await startPostgres(bench);
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
    if (!REUSE) {
      await seedOrgTree(db);
      await seedPeopleAndCases(db);
    }
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    api = await createHttpApp(ApiModule);
    await api.listen(0, '127.0.0.1');
    const port = ((api.getHttpServer() as Server).address() as AddressInfo).port;
    const numbers = await numberedPeople(db, api.get(PersonIdProtector));
    const counts = (
      await db.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM org_unit) AS units,
                (SELECT count(*) FROM member_case) AS "memberCases", (SELECT count(*) FROM cadre_case) AS "cadreCases",
                (SELECT count(*) FROM reserve_entry) AS "reserveEntries",
                (SELECT count(*) FROM approval_task WHERE status = 'OPEN') AS "openTasks",
                (SELECT count(*) FROM approval_task WHERE status = 'OPEN' AND due_on < current_date) AS "overdueTasks"`,
      )
    ).rows[0]!;
    const units = await unitsByCode(db, ['P', 'P-C4-K5', 'P-C4-K5-ZZB']);
    const county = await caller(units.get('P-C4-K5-ZZB')!, ['ORG_DEPARTMENT_OFFICER']);
    const province = await caller(units.get('P')!, ['AUDITOR']);
    // Whole names of three characters held by people with member cases (in the province, in the county), and
    // their last two characters: each search finds someone.
    const namesUnder = async (unit: OrgUnit) =>
      (
        await db.query<{ name: string }>(
          `SELECT DISTINCT p.name FROM person p JOIN member_case mc ON mc.person_id = p.id
           JOIN org_unit b ON b.id = mc.branch_id
           WHERE char_length(p.name) = 3 AND b.path LIKE $1 || '%' ORDER BY p.name LIMIT 50`,
          [encodeOrgPath(unit.path)],
        )
      ).rows.map((row) => row.name);
    const names = await namesUnder(units.get('P')!);
    const countyNames = await namesUnder(units.get('P-C4-K5')!);
    const pick = <T>(list: readonly T[], index: number): T => list[index % list.length]!;
    const cases: BenchCase[] = [
      { name: 'county list (last change)', who: county, query: () => ({}) },
      { name: 'county list (name, pinyin)', who: county, query: () => ({ sort: 'name' }) },
      {
        name: 'county name search (whole name)',
        who: county,
        query: (i) => ({ name: pick(countyNames, i) }),
      },
      {
        name: 'county name search (2 characters)',
        who: county,
        query: (i) => ({ name: pick(countyNames, i).slice(1) }),
      },
      { name: 'county overdue', who: county, query: () => ({ overdue: true }) },
      { name: 'county cadre list', who: county, query: () => ({}), kind: 'cadre' },
      { name: 'province name search (whole name)', who: province, query: (i) => ({ name: pick(names, i) }) },
      {
        name: 'province name search (2 characters)',
        who: province,
        query: (i) => ({ name: pick(names, i).slice(1) }),
      },
      {
        name: 'province ID number lookup',
        who: province,
        query: (i) => ({ nationalId: pick(numbers, i) }),
        body: true,
      },
      { name: 'province overdue', who: province, query: () => ({ overdue: true }) },
      { name: 'province list (last change)', who: province, query: () => ({}) },
    ];
    const service = api.get(CaseSearchService);
    const results = [];
    for (const each of cases) {
      const kind = each.kind ?? 'member';
      const viaService = (index: number): Promise<CaseListPage<CaseListItem>> =>
        kind === 'cadre'
          ? service.cadreCases(each.who.principal, each.query(index))
          : service.memberCases(each.who.principal, each.query(index));
      const path = `http://127.0.0.1:${port}/v1/${kind}-cases`;
      const viaHttp = async (index: number) => {
        const query = each.query(index);
        const response = each.body
          ? await fetch(`${path}/search`, {
              method: 'POST',
              headers: { authorization: each.who.authorization, 'content-type': 'application/json' },
              body: JSON.stringify(query),
            })
          : await fetch(
              `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`,
              {
                headers: { authorization: each.who.authorization },
              },
            );
        if (response.status !== 200)
          throw new Error(`${each.name}: ${response.status} ${await response.text()}`);
        return response.json();
      };
      const found = (await viaService(0)).items.length;
      const [serviceMs, httpMs] = [await time(viaService), await time(viaHttp)];
      results.push({ query: each.name, itemsOnFirstPage: found, serviceMs, httpMs });
      process.stderr.write(
        `${each.name}: ${found} items, service p50 ${serviceMs.p50} p95 ${serviceMs.p95}, http p50 ${httpMs.p50} p95 ${httpMs.p95}\n`,
      );
    }
    writeResult('search', {
      benchmark: 'search',
      date: new Date().toISOString(),
      machine: machine(),
      // Other work on the machine while it ran (1, 5 and 15 minutes): timings on a busy box are upper bounds.
      loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
      dataset: {
        ...Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, Number(value)])),
        seedSeconds,
      },
      runsPerQuery: RUNS,
      pageSize: 50,
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
