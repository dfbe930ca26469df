import 'reflect-metadata';

import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type INestApplication, type Type } from '@nestjs/common';
import { Client } from 'pg';

import { ApiModule } from '../../apps/api/src/api.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { DEMO_MEMBER_SPECS, FARMER, type Spec, memberHistory } from '../../deploy/local/demo/member-cases';
import { down, migrate, seed, up } from '../../deploy/local/infra';
import { createDatabase, dropDatabase } from '../../deploy/local/postgres';
import { appEnvironment, authDir, databaseUrl, profile } from '../../deploy/local/profiles';
import { mintLocalToken } from '../../libs/auth/src';
import { createHttpApp } from '../../libs/config/src';
import { addDays, chinaLocalDate, withCheckCharacter } from '../../libs/domain/src';
import { machine, writeResult } from './bench-support';

/**
 * npm run bench:import — a county adopting Xianfeng, through the API as its org department would: a tree of
 * BENCH_TOWNSHIPS townships × 9 village 党委 × 10 branches (1,000 units by default) imported from CSV, a roster of
 * BENCH_MEMBERS party members (20,000) from CSV, then BENCH_CASES in-flight paper cases (2,000) with their
 * histories in requests of BENCH_BATCH, each first as a dry run. The stack is real: PostgreSQL, Temporal (each
 * case a workflow recording its history), Kafka; API and worker in this process. Every step is timed, and the
 * same imports sent again must change nothing. Results: bench-results/import.json.
 */
const TOWNSHIPS = Number(process.env.BENCH_TOWNSHIPS ?? 10);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000);
const CASES = Number(process.env.BENCH_CASES ?? 2_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const VILLAGES_PER_TOWNSHIP = 9;
const BRANCHES_PER_VILLAGE = 10;
const bench = profile('test');
const DATABASE = 'xianfeng_bench_import';
const COUNTY = 'DX';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅小文斌宇浩凯鹏飞鑫晨欣怡佳颖思雨婷雪琳晶';
const nameOf = (i: number) =>
  `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 5) % GIVEN.length]}`;

/** A valid GB 11643 number, unique per (region, i): the birth day and the sequence both vary with i. */
function person(
  region: string,
  i: number,
): { nationalId: string; birthDate: string; gender: 'MALE' | 'FEMALE' } {
  const birthDate = addDays('1970-01-01' as never, i % 10_000);
  const sequence = 100 + 2 * Math.floor(i / 10_000) + (i % 2);
  const nationalId = withCheckCharacter(
    `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`,
  );
  return { nationalId, birthDate, gender: i % 2 ? 'MALE' : 'FEMALE' };
}

interface Unit {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string;
  readonly approves: boolean;
}

function tree(): { units: Unit[]; branches: { code: string; village: string; township: string }[] } {
  const units: Unit[] = [];
  const branches: { code: string; village: string; township: string }[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) {
    const township = `${COUNTY}-BT${t}`;
    units.push({
      code: township,
      name: `第${t}镇党委`,
      kind: 'TOWNSHIP_COMMITTEE',
      parent: COUNTY,
      approves: true,
    });
    for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
      const village = `${township}-V${v}`;
      units.push({
        code: village,
        name: `第${t}镇${v}村党委`,
        kind: 'VILLAGE_COMMITTEE',
        parent: township,
        approves: false,
      });
      for (let b = 0; b < BRANCHES_PER_VILLAGE; b++) {
        const code = `${village}-B${b}`;
        units.push({
          code,
          name: `第${t}镇${v}村第${b}党支部`,
          kind: 'BRANCH',
          parent: village,
          approves: false,
        });
        branches.push({ code, village, township });
      }
    }
  }
  return { units, branches };
}

const csv = (rows: readonly (readonly string[])[]): string =>
  `${rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')).join('\n')}\n`;

async function boot(module: Type<unknown>): Promise<INestApplication> {
  const app = await createHttpApp(module);
  await app.init();
  return app;
}

interface Timed<T> {
  readonly seconds: number;
  readonly answer: T;
}

async function main(): Promise<void> {
  await down(bench);
  await up(bench);
  await dropDatabase(bench, DATABASE);
  await createDatabase(bench, DATABASE);
  await migrate(bench, DATABASE);
  await seed(bench, DATABASE);
  Object.assign(process.env, appEnvironment(bench), {
    DATABASE_URL: databaseUrl(bench, DATABASE),
    LOG_LEVEL: 'error',
    // A case with twenty steps records twenty activities before it answers; under this load that takes a while.
    TEMPORAL_CALL_TIMEOUT_MS: '120000',
    TEMPORAL_TASK_QUEUE: `xianfeng-bench-import-${randomUUID()}`,
  });
  const db = new Client({ connectionString: databaseUrl(bench, DATABASE) });
  await db.connect();
  const worker = await boot(WorkerModule);
  const api = await createHttpApp(ApiModule);
  await api.listen(0, '127.0.0.1');
  try {
    const port = ((api.getHttpServer() as Server).address() as AddressInfo).port;
    const token = await mintLocalToken(authDir(bench), {
      sub: 'zzb-officer',
      name: '县委组织部组织科',
      org_unit: `${COUNTY}-ZZB`,
      roles: ['ORG_DEPARTMENT_OFFICER'],
    });
    const send = async <T>(path: string, body: string, contentType: string): Promise<Timed<T>> => {
      const started = Date.now();
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body,
      });
      const answer = (await response.json()) as T;
      if (!response.ok)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(answer).slice(0, 2000)}`);
      return { seconds: (Date.now() - started) / 1000, answer };
    };

    // 1. The org tree.
    const { units, branches } = tree();
    const treeFile = csv([
      [
        '组织代码/code',
        '组织名称/name',
        '组织类别/kind',
        '上级组织代码/parentCode',
        '审批权/canApproveMembership',
      ],
      ...units.map((unit) => [unit.code, unit.name, unit.kind, unit.parent, unit.approves ? '是' : '否']),
    ]);
    const treePath = `/v1/org-units/${COUNTY}/imports/tree`;
    const treeDryRun = await send<object>(`${treePath}?dryRun=true`, treeFile, 'text/csv');
    const treeImport = await send<object>(treePath, treeFile, 'text/csv');
    const treeAgain = await send<object>(treePath, treeFile, 'text/csv');

    // 2. The roster: members dealt round the branches; in each branch a few probationary, a few under discipline.
    const round = (i: number) => Math.floor(i / branches.length);
    const disciplined = (i: number) => round(i) % 13 === 5;
    const members = Array.from({ length: MEMBERS }, (_, i) => ({
      name: nameOf(i),
      ...person('320611', i),
      branch: branches[i % branches.length]!.code,
      status: round(i) % 11 === 3 ? '预备' : '正式',
    }));
    const rosterFile = csv([
      [
        '姓名/name',
        '公民身份号码/nationalId',
        '出生日期/birthDate',
        '性别/gender',
        '所在党组织代码/branchCode',
        '党员类别/status',
        '党龄起算日/partyAgeFrom',
        '党纪处分/disciplineKind',
        '处分影响期截止/disciplineImpactEnds',
        '恢复党员权利/rightsRestored',
      ],
      ...members.map((member, i) => [
        member.name,
        member.nationalId,
        member.birthDate,
        member.gender === 'MALE' ? '男' : '女',
        member.branch,
        member.status,
        member.status === '正式' ? addDays('2000-07-01' as never, i % 7000) : '',
        disciplined(i) ? '警告' : '',
        disciplined(i) ? '2027-06-30' : '',
        '',
      ]),
    ]);
    const rosterPath = `/v1/org-units/${COUNTY}/imports/roster`;
    const rosterDryRun = await send<object>(`${rosterPath}?dryRun=true`, rosterFile, 'text/csv');
    const rosterImport = await send<object>(rosterPath, rosterFile, 'text/csv');
    const rosterAgain = await send<object>(rosterPath, rosterFile, 'text/csv');

    // 3. In-flight paper cases: the demo's open member cases as templates, in the new branches, with two full
    // members of the branch as cultivation contacts and sponsors.
    const fullMembers = new Map<string, string[]>();
    const { rows } = await db.query<{ code: string; person_id: string }>(
      `SELECT u.code, m.person_id FROM party_membership m JOIN org_unit u ON u.id = m.branch_id
       WHERE m.status = 'FULL_MEMBER' AND m.discipline_kind IS NULL AND u.code LIKE $1`,
      [`${COUNTY}-BT%`],
    );
    for (const row of rows) fullMembers.set(row.code, [...(fullMembers.get(row.code) ?? []), row.person_id]);
    const templates = DEMO_MEMBER_SPECS.filter(
      (spec) => spec.withdrawAfter === undefined && !['CONVERTED', 'ARCHIVED'].includes(spec.until),
    );
    const today = chinaLocalDate(new Date());
    const cases = Array.from({ length: CASES }, (_, i) => {
      const template = templates[i % templates.length]!;
      const place = branches[(i * 7) % branches.length]!;
      const [a, b] = fullMembers.get(place.code) ?? [];
      if (!a || !b) throw new Error(`branch ${place.code} has fewer than two full members`);
      const who = person('320612', i);
      const spec: Spec = {
        ...template,
        code: `BENCH-${i}`,
        person: { name: nameOf(i + 7), nationalId: who.nationalId, birthDate: who.birthDate },
        branch: place.code,
        profile: FARMER,
      };
      const { applied, steps } = memberHistory(spec, today, {
        township: place.township,
        reviewer: place.village,
        contacts: [a, b],
      });
      return {
        reference: spec.code,
        application: { ...spec.person, branch: place.code, applicationDate: applied, profile: FARMER },
        steps: steps.map((step) => ({ action: step.path, body: step.body })),
      };
    });
    interface CaseAnswer {
      counts: Record<string, number>;
    }
    const importCases = async (dryRun: boolean) => {
      const started = Date.now();
      const counts: Record<string, number> = {};
      const requestSeconds: number[] = [];
      for (let from = 0; from < cases.length; from += BATCH) {
        const { seconds, answer } = await send<CaseAnswer>(
          `/v1/member-cases/imports${dryRun ? '?dryRun=true' : ''}`,
          JSON.stringify({
            source: '县委组织部 在办案件台账（基准测试）',
            cases: cases.slice(from, from + BATCH),
          }),
          'application/json',
        );
        requestSeconds.push(seconds);
        for (const [outcome, n] of Object.entries(answer.counts))
          counts[outcome] = (counts[outcome] ?? 0) + n;
      }
      const seconds = (Date.now() - started) / 1000;
      return {
        seconds,
        casesPerSecond: Math.round((cases.length / seconds) * 10) / 10,
        counts,
        requestSeconds,
      };
    };
    const casesDryRun = await importCases(true);
    const casesImport = await importCases(false);
    const casesAgain = await importCases(false);
    const steps = cases.reduce((sum, each) => sum + each.steps.length, 0);
    const stages = (
      await db.query<{ stage: string; n: string }>(
        `SELECT stage, count(*) AS n FROM member_case WHERE workflow_id LIKE 'member-case-%' GROUP BY stage ORDER BY stage`,
      )
    ).rows;

    writeResult('import', {
      machine: machine(),
      county: { units: units.length, members: MEMBERS, cases: CASES, stepsInCases: steps, batch: BATCH },
      tree: {
        dryRunSeconds: treeDryRun.seconds,
        importSeconds: treeImport.seconds,
        againSeconds: treeAgain.seconds,
        import: treeImport.answer,
        again: treeAgain.answer,
      },
      roster: {
        dryRunSeconds: rosterDryRun.seconds,
        importSeconds: rosterImport.seconds,
        againSeconds: rosterAgain.seconds,
        import: rosterImport.answer,
        again: rosterAgain.answer,
      },
      cases: {
        dryRun: { ...casesDryRun, requestSeconds: undefined },
        import: {
          ...casesImport,
          requestSeconds: undefined,
          slowestRequestSeconds: Math.max(...casesImport.requestSeconds),
        },
        again: { ...casesAgain, requestSeconds: undefined },
        stages: Object.fromEntries(stages.map((row) => [row.stage, Number(row.n)])),
      },
    });
  } finally {
    await api.close();
    await worker.close();
    await db.end();
    if (process.env.BENCH_KEEP !== '1') await down(bench);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
