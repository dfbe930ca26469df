import { randomUUID } from 'node:crypto';

import ExcelJS from 'exceljs';
import request from 'supertest';
import { type App } from 'supertest/types';

import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { DEMO_PEOPLE } from '../../prisma/seed/demo-county';
import { type RunningApps, startAllApps } from '../support/apps';
import { type DemoUser, type TestAgent, bearer, signedIn } from '../support/auth';
import { rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * Org-unit administration by the county org department (issue 13): create, rename, move, close with history and
 * dry runs; import and export of the org tree and the member roster (CSV and xlsx), every bad row listed, clean
 * files imported whole and idempotently; scope refusals (a township secretary, another county's department);
 * access to a member case following its branch after a move.
 */
const TODAY = chinaLocalDate(new Date());
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HISTORY_TABLES = ['org_unit', 'org_unit_change', 'person', 'party_membership', 'org_data_export'];
/** Another county with its own org department (inserted directly: creating a county is above a county). */
const OTHER_COUNTY = {
  sub: 'qx-officer',
  name: '邻县委组织部',
  org_unit: 'QX-ZZB',
  roles: ['ORG_DEPARTMENT_OFFICER'],
};

type Problem = {
  status: number;
  code: string;
  violations?: { code: string }[];
  rowErrors?: { row: number; column: string | null; code: string }[];
  openTasks?: { caseId: string; orgUnitCode: string }[];
};
type AdminAnswer = {
  dryRun: boolean;
  unit: {
    id: string | null;
    code: string;
    parentCode: string | null;
    depth: number;
    closedOn: string | null;
  };
  changes: { kind: string }[];
  unitsAffected: number;
};
type ImportAnswer = {
  dryRun: boolean;
  counts: { rows: number; created: number; updated: number; unchanged: number };
};

const csv = (rows: readonly (readonly string[])[]) =>
  Buffer.from(
    rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell}"` : cell)).join(',')).join('\n'),
  );

async function xlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('sheet').addRows(rows.map((row) => [...row]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('org-unit administration, import and export by the org department (e2e)', () => {
  let apps: RunningApps;
  let server: App;
  const as = (user: DemoUser | typeof OTHER_COUNTY) => signedIn(server, user as DemoUser);
  let officer: TestAgent;
  const counts = () => rowCounts(HISTORY_TABLES);
  const upload = async (path: string, type: string, body: Buffer) =>
    request(server)
      .post(path)
      .set('Authorization', await bearer('zzb-officer'))
      .set('Content-Type', type)
      .send(body);
  const download = async (path: string, accept: string, user: DemoUser = 'zzb-officer') =>
    request(server)
      .get(path)
      .set('Authorization', await bearer(user))
      .set('Accept', accept)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const unitRow = (code: string) =>
    withDatabase(async (db) => {
      const { rows } = await db.query<{
        id: string;
        path: string;
        depth: number;
        parent_id: string;
        closed_on: Date | null;
      }>('SELECT id, path, depth, parent_id, closed_on FROM org_unit WHERE code = $1', [code]);
      return rows[0]!;
    });

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_org_admin');
    await withDatabase(async (db) => {
      const [county, department] = [randomUUID(), randomUUID()];
      await db.query(
        `INSERT INTO org_unit (id, code, name, kind, parent_id, path, depth) VALUES
           ($1, 'QX', '邻县委', 'COUNTY_COMMITTEE', NULL, $3, 0),
           ($2, 'QX-ZZB', '邻县委组织部', 'ORG_DEPARTMENT', $1, $4, 1)`,
        [county, department, `/${county}/`, `/${county}/${department}/`],
      );
    });
    apps = await startAllApps();
    server = apps.api.getHttpServer() as App;
    officer = await as('zzb-officer');
  });

  afterAll(async () => {
    await apps.close();
  });

  describe('create, rename, 审批权', () => {
    const body = { code: 'DX-DZ-HC', name: '河村党支部', kind: 'BRANCH', parent: 'DX-DZ' };

    it('refuses a township secretary and another county’s department, and records nothing', async () => {
      const before = await counts();
      const secretary = await (await as('dz-secretary')).post('/v1/org-units').send(body).expect(403);
      expect((secretary.body as Problem).code).toBe('ROLE_NOT_PERMITTED');
      const foreign = await (await as(OTHER_COUNTY)).post('/v1/org-units').send(body).expect(403);
      expect((foreign.body as Problem).code).toBe('OUT_OF_SCOPE');
      expect(await counts()).toEqual(before);
    });

    it('a dry run answers what creating would, recording nothing; then it is created with its history', async () => {
      const before = await counts();
      const tried = await officer.post('/v1/org-units?dryRun=true').send(body).expect(201);
      expect(tried.body).toMatchObject({
        dryRun: true,
        unit: { id: null, code: 'DX-DZ-HC', parentCode: 'DX-DZ', depth: 2, closedOn: null },
        changes: [{ kind: 'CREATED' }],
      });
      expect(await counts()).toEqual(before);
      const created = await officer.post('/v1/org-units').send(body).expect(201);
      const answer = created.body as AdminAnswer;
      expect(answer).toMatchObject({ dryRun: false, unit: { code: 'DX-DZ-HC', depth: 2 } });
      const { unit: _unit, ...triedRest } = tried.body as AdminAnswer;
      const { unit: _created, ...createdRest } = answer;
      expect({ ...triedRest, dryRun: false, changes: [{ kind: 'CREATED' }] }).toEqual({
        ...createdRest,
        changes: [{ kind: 'CREATED' }],
      });
      expect((await unitRow('DX-DZ-HC')).path).toBe(`${(await unitRow('DX-DZ')).path}${answer.unit.id}/`);
      const again = await officer.post('/v1/org-units').send(body).expect(409);
      expect((again.body as Problem).code).toBe('ORG_UNIT_CODE_TAKEN');
    });

    it('refuses a kind that cannot sit under the parent', async () => {
      const wrong = await officer
        .post('/v1/org-units')
        .send({ code: 'DX-B9', name: '县直支部', kind: 'BRANCH', parent: 'DX' })
        .expect(422);
      expect((wrong.body as Problem).code).toBe('ORG_UNIT_KIND_NOT_ALLOWED');
    });

    it('renames and changes 审批权 (dry run first), one history row per change', async () => {
      const before = await counts();
      const patch = { name: '河村第一党支部', canApproveMembership: true };
      const tried = await officer.patch('/v1/org-units/DX-DZ-HC?dryRun=true').send(patch).expect(200);
      expect(await counts()).toEqual(before);
      const done = await officer.patch('/v1/org-units/DX-DZ-HC').send(patch).expect(200);
      expect({ ...(tried.body as AdminAnswer), dryRun: false }).toEqual(done.body);
      expect((done.body as AdminAnswer).changes.map((change) => change.kind)).toEqual([
        'RENAMED',
        'APPROVAL_AUTHORITY_CHANGED',
      ]);
      const history = await officer.get('/v1/org-units/DX-DZ-HC/history').expect(200);
      expect((history.body as { items: { kind: string; actor: { subject: string } }[] }).items).toMatchObject(
        [
          { kind: expect.stringMatching(/RENAMED|APPROVAL_AUTHORITY_CHANGED/) as string },
          { kind: expect.stringMatching(/RENAMED|APPROVAL_AUTHORITY_CHANGED/) as string },
          { kind: 'CREATED', actor: { subject: 'zzb-officer' } },
        ],
      );
      await (await as('dz-secretary')).get('/v1/org-units/DX-DZ-HC/history').expect(403);
    });
  });

  describe('move', () => {
    let caseId: string;

    beforeAll(async () => {
      const created = await (
        await as('nc-secretary')
      )
        .post('/v1/member-cases')
        .send({
          name: '迁移申请人',
          nationalId: nationalIdFor('19960101', '301'),
          birthDate: '1996-01-01',
          branch: 'DX-DZ-NC',
          applicationDate: addDays(TODAY, -5),
        })
        .expect(201);
      caseId = (created.body as { id: string }).id;
    });

    it('refuses a move under the unit’s own subtree and a parent of the wrong kind', async () => {
      const own = await officer
        .post('/v1/org-units/DX-DZ-DC/move')
        .send({ parent: 'DX-DZ-DC-B1' })
        .expect(422);
      expect((own.body as Problem).code).toBe('ORG_UNIT_MOVE_INTO_OWN_SUBTREE');
      const kind = await officer.post('/v1/org-units/DX-DZ-NC/move').send({ parent: 'DX' }).expect(422);
      expect((kind.body as Problem).code).toBe('ORG_UNIT_KIND_NOT_ALLOWED');
      const root = await officer.post('/v1/org-units/DX/move').send({ parent: 'DX-DZ' }).expect(403);
      expect((root.body as Problem).code).toBe('OUT_OF_SCOPE');
    });

    it('refuses while an open task of a case under the unit sits with the township it would leave', async () => {
      const township = await unitRow('DX-DZ');
      const taskId = randomUUID();
      await withDatabase((db) =>
        db.query(
          `INSERT INTO approval_task (id, case_id, workflow_kind, action, step, org_unit_id, org_path, status)
           VALUES ($1, $2, 'MEMBER_DEVELOPMENT', 'HIGHER_COMMITTEE_DECISION', 7, $3, $4, 'OPEN')`,
          [taskId, caseId, township.id, township.path],
        ),
      );
      for (const path of ['/v1/org-units/DX-DZ-NC/move?dryRun=true', '/v1/org-units/DX-DZ-NC/move']) {
        const refused = await officer.post(path).send({ parent: 'DX-XZ' }).expect(409);
        expect(refused.body).toMatchObject({
          code: 'ORG_UNIT_MOVE_OPEN_TASKS',
          openTasks: [{ caseId, orgUnitCode: 'DX-DZ' }],
        });
      }
      await withDatabase((db) => db.query('DELETE FROM approval_task WHERE id = $1', [taskId]));
    });

    it('moves the branch to another township: paths rewritten, history kept, access follows the tree', async () => {
      await (await as('dz-organiser')).get(`/v1/member-cases/${caseId}`).expect(200);
      await (await as('xz-organiser')).get(`/v1/member-cases/${caseId}`).expect(403);
      const before = await counts();
      const tried = await officer
        .post('/v1/org-units/DX-DZ-NC/move?dryRun=true')
        .send({ parent: 'DX-XZ' })
        .expect(200);
      expect(await counts()).toEqual(before);
      expect((await unitRow('DX-DZ-NC')).parent_id).toBe((await unitRow('DX-DZ')).id);
      const moved = await officer.post('/v1/org-units/DX-DZ-NC/move').send({ parent: 'DX-XZ' }).expect(200);
      expect({ ...(tried.body as AdminAnswer), dryRun: false }).toEqual(moved.body);
      const [unit, township] = [await unitRow('DX-DZ-NC'), await unitRow('DX-XZ')];
      expect(unit).toMatchObject({ parent_id: township.id, path: `${township.path}${unit.id}/`, depth: 2 });
      const tasks = await withDatabase(
        async (db) =>
          (
            await db.query<{ org_path: string }>('SELECT org_path FROM approval_task WHERE case_id = $1', [
              caseId,
            ])
          ).rows,
      );
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.every((task) => task.org_path.startsWith(unit.path))).toBe(true);

      const oldTownship = await (await as('dz-organiser')).get(`/v1/member-cases/${caseId}`).expect(403);
      expect((oldTownship.body as Problem).code).toBe('OUT_OF_SCOPE');
      await (await as('xz-organiser')).get(`/v1/member-cases/${caseId}`).expect(200);
      const history = await officer.get('/v1/org-units/DX-DZ-NC/history').expect(200);
      expect(
        (
          history.body as {
            items: { kind: string; before: { parentCode: string }; after: { parentCode: string } }[];
          }
        ).items[0],
      ).toMatchObject({
        kind: 'MOVED',
        before: { parentCode: 'DX-DZ' },
        after: { parentCode: 'DX-XZ' },
      });
    });

    it('moves a whole subtree: every unit below gets the new path and depth', async () => {
      await officer.post('/v1/org-units/DX-DZ-DC/move').send({ parent: 'DX-XZ' }).expect(200);
      const [group, township] = [await unitRow('DX-DZ-DC-B1-G1'), await unitRow('DX-XZ')];
      expect(group.path.startsWith(township.path)).toBe(true);
      expect(group.depth).toBe(4);
      await officer.post('/v1/org-units/DX-DZ-DC/move').send({ parent: 'DX-DZ' }).expect(200);
      expect((await unitRow('DX-DZ-DC-B1-G1')).path.startsWith((await unitRow('DX-DZ')).path)).toBe(true);
    });
  });

  describe('close', () => {
    it('refuses a unit with open units, cases or members under it, listing every reason', async () => {
      const parent = await officer.post('/v1/org-units/DX-DZ-DC/close').send({ closedOn: TODAY }).expect(409);
      expect((parent.body as Problem).violations!.map((each) => each.code)).toEqual([
        'ORG_UNIT_HAS_OPEN_CHILDREN',
        'ORG_UNIT_HAS_MEMBERS',
      ]);
      const withCase = await officer
        .post('/v1/org-units/DX-DZ-NC/close')
        .send({ closedOn: TODAY })
        .expect(409);
      expect((withCase.body as Problem).code).toBe('ORG_UNIT_HAS_OPEN_CASES');
      const future = await officer
        .post('/v1/org-units/DX-DZ-DC-B2/close')
        .send({ closedOn: addDays(TODAY, 1) })
        .expect(422);
      expect((future.body as Problem).code).toBe('ORG_UNIT_CLOSED_ON_IN_FUTURE');
    });

    it('closes an empty unit (dry run first): still readable, out of the pickers, takes no new units', async () => {
      const before = await counts();
      await officer.post('/v1/org-units/DX-DZ-DC-B2/close?dryRun=true').send({ closedOn: TODAY }).expect(200);
      expect(await counts()).toEqual(before);
      expect((await unitRow('DX-DZ-DC-B2')).closed_on).toBeNull();
      const closed = await officer
        .post('/v1/org-units/DX-DZ-DC-B2/close')
        .send({ closedOn: TODAY })
        .expect(200);
      expect((closed.body as AdminAnswer).unit.closedOn).toBe(TODAY);
      const picker = await officer.get('/v1/org-units').query({ under: 'DX-DZ-DC' }).expect(200);
      expect((picker.body as { items: { code: string }[] }).items.map((unit) => unit.code)).toEqual([
        'DX-DZ-DC-B1',
      ]);
      const all = await officer
        .get('/v1/org-units')
        .query({ under: 'DX-DZ-DC', includeClosed: true })
        .expect(200);
      expect((all.body as { items: { code: string; closedOn: string | null }[] }).items).toContainEqual(
        expect.objectContaining({ code: 'DX-DZ-DC-B2', closedOn: TODAY }),
      );
      await officer.get('/v1/org-units/DX-DZ-DC-B2').expect(200);
      const child = await officer
        .post('/v1/org-units')
        .send({ code: 'DX-DZ-DC-B2-G1', name: '小组', kind: 'PARTY_GROUP', parent: 'DX-DZ-DC-B2' })
        .expect(422);
      expect((child.body as Problem).code).toBe('ORG_UNIT_CLOSED');
      // Nor new cases: an application, a cadre nomination or a reserve recommendation for it.
      const branch = await as('dc-b2-secretary');
      const application = await branch
        .post('/v1/member-cases')
        .send({
          name: '撤销后申请',
          nationalId: nationalIdFor('20000101', '731'),
          birthDate: '2000-01-01',
          branch: 'DX-DZ-DC-B2',
          applicationDate: TODAY,
        })
        .expect(422);
      expect((application.body as Problem).code).toBe('ORG_UNIT_CLOSED');
      const again = await officer
        .post('/v1/org-units/DX-DZ-DC-B2/close')
        .send({ closedOn: TODAY })
        .expect(409);
      expect((again.body as Problem).code).toBe('ORG_UNIT_CLOSED');
    });
  });

  describe('tree import and export', () => {
    const header = ['code', 'name', 'kind', 'parentCode', '审批权'];
    const file = [
      header,
      ['DX-XZ-QC', '桥村党委', 'VILLAGE_COMMITTEE', 'DX-XZ', '否'],
      ['DX-XZ-QC-B1', '桥村第一党支部', '党支部', 'DX-XZ-QC', '否'],
    ];

    it('lists every bad row with row, column and rule code, and imports nothing', async () => {
      const before = await counts();
      const bad = [
        header,
        ['DX-XZ-QC', '桥村党委', 'VILLAGE_COMMITTEE', 'DX-XZ', '否'],
        ['DX-XZ-QC', '重复', 'BRANCH', 'DX-XZ', '否'],
        ['DX-XZ-Y', '', 'BRANCH', 'NOWHERE', '也许'],
        ['QX-ZZB', '邻县', 'BRANCH', 'DX-XZ', '否'],
      ];
      for (const path of ['/v1/org-units/DX/imports/tree?dryRun=true', '/v1/org-units/DX/imports/tree']) {
        const refused = await upload(path, CSV, csv(bad));
        expect(refused.status).toBe(422);
        expect(
          (refused.body as Problem).rowErrors!.map((each) => [each.row, each.column, each.code]),
        ).toEqual([
          [3, 'code', 'IMPORT_DUPLICATE_ROW'],
          [4, 'name', 'IMPORT_VALUE_REQUIRED'],
          [4, 'canApproveMembership', 'IMPORT_VALUE_INVALID'],
          [5, 'code', 'ORG_UNIT_CODE_TAKEN'],
        ]);
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses other callers and other media types', async () => {
      const secretary = await request(server)
        .post('/v1/org-units/DX-XZ/imports/tree')
        .set('Authorization', await bearer('dz-secretary'))
        .set('Content-Type', CSV)
        .send(csv(file));
      expect(secretary.status).toBe(403);
      const json = await officer.post('/v1/org-units/DX/imports/tree').send({ rows: [] }).expect(415);
      expect((json.body as Problem).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const elsewhere = await request(server)
        .post('/v1/org-units')
        .set('Authorization', await bearer('zzb-officer'))
        .set('Content-Type', CSV)
        .send(csv(file));
      expect(elsewhere.status).toBe(415);
    });

    it('imports a clean file (dry run first) once; the same file again changes nothing', async () => {
      const before = await counts();
      const tried = await upload('/v1/org-units/DX/imports/tree?dryRun=true', CSV, csv(file));
      expect(tried.status).toBe(200);
      expect((tried.body as ImportAnswer).counts).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
      expect(await counts()).toEqual(before);
      const done = await upload('/v1/org-units/DX/imports/tree', CSV, csv(file));
      expect(done.body).toEqual({ ...(tried.body as ImportAnswer), dryRun: false });
      const village = await unitRow('DX-XZ-QC');
      expect((await unitRow('DX-XZ-QC-B1')).path).toMatch(new RegExp(`^${village.path}`));
      const again = await upload('/v1/org-units/DX/imports/tree', CSV, csv(file));
      expect((again.body as ImportAnswer).counts).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
      const history = await officer.get('/v1/org-units/DX-XZ-QC/history').expect(200);
      expect((history.body as { items: { kind: string }[] }).items.map((item) => item.kind)).toEqual([
        'IMPORTED',
      ]);
    });

    it('reads a workbook someone filled in (Chinese headers) like a CSV file', async () => {
      const book = await xlsx([
        ['组织代码', '组织名称', '组织类别', '上级组织代码', '审批权'],
        ['DX-XZ-QC-B2', '桥村第二党支部', '党支部', 'DX-XZ-QC', '否'],
      ]);
      const done = await upload('/v1/org-units/DX-XZ/imports/tree', XLSX, book);
      expect(done.status).toBe(200);
      expect((done.body as ImportAnswer).counts).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 });
    });

    it.each([
      ['CSV', CSV],
      ['xlsx', XLSX],
    ])('an export (%s) reads back as unchanged', async (_label, type) => {
      const exported = await download('/v1/org-units/DX/exports/tree', type);
      expect(exported.status).toBe(200);
      expect(exported.headers['content-type']).toContain(type);
      const back = await upload('/v1/org-units/DX/imports/tree', type, exported.body as Buffer);
      const answer = (back.body as ImportAnswer).counts;
      expect(answer).toMatchObject({ created: 0, updated: 0 });
      expect(answer.unchanged).toBe(answer.rows);
      expect(answer.rows).toBeGreaterThan(10);
    });

    it('takes the format by name in the link (a browser cannot set Accept); another name is refused', async () => {
      const linked = await download('/v1/org-units/DX/exports/tree?format=xlsx', '*/*');
      expect(linked.status).toBe(200);
      expect(linked.headers['content-type']).toContain(XLSX);
      const refused = await download('/v1/org-units/DX/exports/tree?format=pdf', '*/*');
      expect(refused.status).toBe(400);
    });
  });

  describe('roster import and export', () => {
    const header = [
      '姓名',
      '公民身份号码',
      '出生日期',
      '性别',
      '所在党组织代码',
      '党员类别',
      '党龄起算日',
      '党纪处分',
      '处分影响期截止',
      '恢复党员权利',
    ];
    const idA = nationalIdFor('19800202', '111');
    const idB = nationalIdFor('19850303', '222');
    const wang = DEMO_PEOPLE.find((person) => person.name === '王建国')!;
    const file = [
      header,
      ['赵新', idA, '1980-02-02', '男', 'DX-XZ-BC', '正式', '2005-07-01', '留党察看', '', '否'],
      ['钱新', idB, '1985-03-03', '女', 'DX-XZ-BC', '预备', '', '', '', ''],
      [
        '王建国',
        wang.nationalId,
        wang.birthDate,
        '男',
        'DX-DZ-DC-B1',
        '正式',
        '1995-07-01',
        '警告',
        addDays(TODAY, 100),
        '',
      ],
    ];

    it('lists every bad row (check digit, unknown unit, duplicate, dates) and imports nothing', async () => {
      const before = await counts();
      const wrongCheck = `${idA.slice(0, 17)}${idA.endsWith('1') ? '2' : '1'}`;
      const bad = [
        header,
        ['甲', wrongCheck, '1980-02-02', '男', 'DX-XZ-BC', '正式', '', '', '', ''],
        ['乙', idB, '1985-03-03', '女', 'NO-SUCH', '预备', '', '', '', ''],
        ['丙', idB, '1985-03-03', '女', 'DX-XZ-BC', '预备', '', '', '', ''],
        ['丁', idA, '1980-02-31', '男', 'DX-XZ-BC', '正式', '', '', '', ''],
      ];
      const refused = await upload('/v1/org-units/DX/imports/roster?dryRun=true', CSV, csv(bad));
      expect(refused.status).toBe(422);
      expect((refused.body as Problem).rowErrors!.map((each) => [each.row, each.column, each.code])).toEqual([
        [2, 'nationalId', 'NATIONAL_ID_CHECK_DIGIT_INVALID'],
        [3, 'branchCode', 'ORG_UNIT_UNKNOWN'],
        [4, 'nationalId', 'IMPORT_DUPLICATE_ROW'],
        [5, 'birthDate', 'IMPORT_DATE_INVALID'],
      ]);
      expect((await upload('/v1/org-units/DX/imports/roster', CSV, csv(bad))).status).toBe(422);
      expect(await counts()).toEqual(before);
    });

    it('imports members by ID number (never stored in clear), their discipline as the sponsor rules read it', async () => {
      const before = await counts();
      const tried = await upload('/v1/org-units/DX/imports/roster?dryRun=true', CSV, csv(file));
      expect((tried.body as ImportAnswer).counts).toEqual({ rows: 3, created: 2, updated: 1, unchanged: 0 });
      expect(await counts()).toEqual(before);
      const done = await upload('/v1/org-units/DX/imports/roster', CSV, csv(file));
      expect(done.body).toEqual({ ...(tried.body as ImportAnswer), dryRun: false });
      const stored = await withDatabase(async (db) =>
        (await db.query<{ row: string }>(`SELECT row_to_json(p)::text AS row FROM person p`)).rows.map(
          (r) => r.row,
        ),
      );
      expect(stored.some((row) => row.includes(idA))).toBe(false);
      const members = await officer.get('/v1/org-units/DX-XZ-BC/members').expect(200);
      const items = (
        members.body as {
          items: { name: string; status: string; discipline: unknown; sponsor: { eligible: boolean } }[];
        }
      ).items;
      expect(items.find((member) => member.name === '赵新')).toMatchObject({
        status: 'FULL_MEMBER',
        discipline: { kind: 'PROBATION_WITHIN_PARTY', rightsRestored: false },
        sponsor: { eligible: false },
      });
      expect(items.find((member) => member.name === '钱新')).toMatchObject({ status: 'PROBATIONARY' });
      const again = await upload('/v1/org-units/DX/imports/roster', CSV, csv(file));
      expect((again.body as ImportAnswer).counts).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    });

    it('exports with clear ID numbers to the org department only, audited; the export reads back unchanged', async () => {
      for (const user of ['dz-secretary', 'county-auditor'] as const) {
        expect((await download('/v1/org-units/DX/exports/roster', CSV, user)).status).toBe(403);
      }
      const audited = (await rowCounts(['org_data_export'])).org_data_export!;
      for (const type of [CSV, XLSX]) {
        const exported = await download('/v1/org-units/DX/exports/roster', type);
        expect(exported.status).toBe(200);
        if (type === CSV) expect((exported.body as Buffer).toString('utf8')).toContain(idA);
        const back = await upload('/v1/org-units/DX/imports/roster', type, exported.body as Buffer);
        const answer = (back.body as ImportAnswer).counts;
        expect(answer).toMatchObject({ created: 0, updated: 0 });
        expect(answer.unchanged).toBe(answer.rows);
      }
      const rows = await withDatabase(
        async (db) =>
          (
            await db.query<{ content: string; actor_subject: string }>(
              'SELECT content, actor_subject FROM org_data_export',
            )
          ).rows,
      );
      expect(rows.length).toBe(audited + 2);
      expect(rows.every((row) => row.actor_subject === 'zzb-officer')).toBe(true);
    });
  });
});
