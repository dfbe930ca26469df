import { randomUUID } from 'node:crypto';

import { type INestApplication } from '@nestjs/common';
import { type App } from 'supertest/types';

import { setupTargetsOpenApi } from '../../apps/targets/src/openapi';
import { TARGETS_SHEETS, XLSX_MEDIA_TYPE } from '../../apps/targets/src/targets-export.workbook';
import { TargetsForecastService } from '../../apps/targets/src/targets-forecast.service';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { chinaLocalDate } from '../../libs/domain/src';
import { boot } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { useIsolatedDatabase, withDatabase } from '../support/database';
import { rowsOf, workbookOf } from '../support/workbook';

/**
 * GET /v1/targets/export: the workbook holds exactly what the JSON endpoints answer (quotas, actuals,
 * attainment, forecast, open alerts, 8595 shares) for the unit and each child, and is read as GET /v1/targets
 * is (out of scope: 403 problem, no file).
 */
const YEAR = Number(chinaLocalDate(new Date()).slice(0, 4));
/** A township of this file's own (the shared topic carries other suites' events for the seeded units). */
const TOWNSHIP = `DX-EX${randomUUID().slice(0, 8)}`;
const VILLAGE = `${TOWNSHIP}-V1`;
const BRANCH = `${TOWNSHIP}-B1`;

type Progress = {
  orgUnit: { code: string };
  actuals: Record<string, number>;
  quotas: Record<string, number | null>;
  attainment: Record<string, number | null>;
  children: Omit<Progress, 'children'>[];
};
type Structure = {
  orgUnit: { code: string };
  cadres: { serving: number; collegeOrAbove: number; share: number | null; met: boolean | null };
  secretaries: { serving: number; collegeOrAbove: number; share: number | null; met: boolean | null };
  children: Omit<Structure, 'children'>[];
};

describe('targets export to Excel (e2e)', () => {
  let targets: INestApplication;
  let planner: TestAgent;

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_targets_export');
    process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-e2e-${randomUUID()}`;
    process.env.TARGETS_ALERTS_INTERVAL_SECONDS = '0'; // evaluated on demand below
    targets = await boot(TargetsModule, setupTargetsOpenApi);
    planner = await signedIn(targets.getHttpServer() as App, 'zzb-officer');
    // Actuals as the read model holds them (the consumer's rows), rolled up: the township counts its villages'.
    const actuals: [string, string, number][] = [
      [TOWNSHIP, 'applicants', 9],
      [TOWNSHIP, 'activists', 5],
      [TOWNSHIP, 'development-targets', 2],
      [VILLAGE, 'applicants', 6],
      [VILLAGE, 'activists', 4],
      [BRANCH, 'applicants', 3],
      [BRANCH, 'activists', 1],
    ];
    await withDatabase(async (db) => {
      const units: [string, string, string, string][] = [
        [TOWNSHIP, '导出镇党委', 'TOWNSHIP_COMMITTEE', 'DX'],
        [VILLAGE, '导出村党委', 'VILLAGE_COMMITTEE', TOWNSHIP],
        [BRANCH, '导出支部', 'BRANCH', TOWNSHIP],
      ];
      for (const [code, name, kind, parent] of units) {
        await db.query(
          `INSERT INTO org_unit (id, code, name, kind, parent_id, path, depth)
           SELECT $1::uuid, $2, $3, $4, id, path || $1::text || '/', depth + 1 FROM org_unit WHERE code = $5`,
          [randomUUID(), code, name, kind, parent],
        );
      }
      for (const [code, metric, value] of actuals) {
        await db.query(
          `INSERT INTO target_actual (org_unit_id, year, metric, value)
           SELECT id, $2, $3, $4 FROM org_unit WHERE code = $1`,
          [code, YEAR, metric, value],
        );
      }
    });
    const plan = (orgUnit: string, metric: string, quota: number) =>
      planner.put('/v1/targets/quotas').send({ orgUnit, year: YEAR, metric, quota }).expect(204);
    await plan(TOWNSHIP, 'activists', 600); // far beyond what the year can still bring: UNREACHABLE
    await plan(VILLAGE, 'activists', 8);
    await plan(TOWNSHIP, 'applicants', 12);
    await planner
      .put(`/v1/targets/village-cadres/${VILLAGE}/roster`)
      .send({
        members: [
          { name: '王建国', post: 'PARTY_SECRETARY', education: 'BACHELOR' },
          { name: '李红', post: 'PARTY_COMMITTEE_MEMBER', education: 'JUNIOR_COLLEGE' },
          { name: '张强', post: 'VILLAGE_COMMITTEE_MEMBER', education: 'SENIOR_HIGH' },
        ],
      })
      .expect(204);
    await targets.get(TargetsForecastService).evaluateAlerts();
  });

  afterAll(async () => {
    await targets?.close();
    delete process.env.TARGETS_ALERTS_INTERVAL_SECONDS;
  });

  it('writes the figures of GET /v1/targets, the forecast, the alerts and the 8595 shares into sheets', async () => {
    const query = { orgUnit: TOWNSHIP, year: YEAR };
    const progress = (await planner.get('/v1/targets').query(query).expect(200)).body as Progress;
    const structure = (
      await planner.get('/v1/targets/village-cadres').query({ orgUnit: TOWNSHIP }).expect(200)
    ).body as Structure;
    const response = await planner
      .get('/v1/targets/export')
      .query({ ...query, format: 'xlsx' })
      .buffer(true)
      .parse((body, done) => {
        // supertest collects a binary body only when told how.
        const chunks: Buffer[] = [];
        body.on('data', (chunk: Buffer) => chunks.push(chunk));
        body.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain(XLSX_MEDIA_TYPE);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${TOWNSHIP}-targets-${YEAR}.xlsx"`,
    );
    const workbook = await workbookOf(response.body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(TARGETS_SHEETS));

    // Every unit (the township, then each child) and every metric, with exactly the API's numbers.
    const rows = rowsOf(workbook, TARGETS_SHEETS.progress);
    const units = [progress, ...progress.children];
    expect(rows).toHaveLength(units.length * Object.keys(progress.actuals).length);
    for (const unit of units) {
      for (const [metric, actual] of Object.entries(unit.actuals)) {
        const row = rows.find((r) => r['组织代码'] === unit.orgUnit.code && r['指标代码'] === metric);
        expect({ code: unit.orgUnit.code, metric, quota: row?.['计划数'], actual: row?.['完成数'] }).toEqual({
          code: unit.orgUnit.code,
          metric,
          quota: unit.quotas[metric],
          actual,
        });
        expect(row?.['完成率']).toBe(unit.attainment[metric]);
      }
    }
    const activists = rows.find((r) => r['组织代码'] === TOWNSHIP && r['指标代码'] === 'activists');
    expect(activists).toMatchObject({ 指标: '入党积极分子', 范围: '本级（含下级）', 计划数: 600, 完成数: 5 });
    expect(rows.find((r) => r['组织代码'] === VILLAGE && r['指标代码'] === 'activists')).toMatchObject({
      范围: '下级',
      计划数: 8,
      完成数: 4,
      完成率: 0.5,
    });

    const forecast = rowsOf(workbook, TARGETS_SHEETS.forecast);
    expect(forecast.find((r) => r['组织代码'] === TOWNSHIP && r['指标代码'] === 'activists')).toMatchObject({
      计划数: 600,
      已完成: 5,
      状态代码: 'UNREACHABLE',
      状态: '预计无法完成',
    });

    const alerts = rowsOf(workbook, TARGETS_SHEETS.alerts);
    expect(alerts).toContainEqual(
      expect.objectContaining({
        组织代码: TOWNSHIP,
        指标代码: 'activists',
        级别代码: 'UNREACHABLE',
        计划数: 600,
      }),
    );

    const shares = rowsOf(workbook, TARGETS_SHEETS.villageCadres);
    for (const unit of [structure, ...structure.children]) {
      const secretaries = shares.find(
        (r) => r['组织代码'] === unit.orgUnit.code && r['对象'] === '村党组织书记',
      );
      const cadres = shares.find((r) => r['组织代码'] === unit.orgUnit.code && r['对象'] === '村“两委”成员');
      expect([cadres?.['在任人数'], cadres?.['大专及以上'], cadres?.['占比']]).toEqual([
        unit.cadres.serving,
        unit.cadres.collegeOrAbove,
        unit.cadres.share,
      ]);
      expect([secretaries?.['在任人数'], secretaries?.['占比']]).toEqual([
        unit.secretaries.serving,
        unit.secretaries.share,
      ]);
    }
    expect(shares.find((r) => r['组织代码'] === VILLAGE && r['对象'] === '村“两委”成员')).toMatchObject({
      在任人数: 3,
      大专及以上: 2,
      占比: 0.6667,
      目标: 0.85,
      是否达标: '未达标',
    });
  });

  it('is read as GET /v1/targets is: outside the reader’s subtree a 403 problem, no file', async () => {
    const branch = await signedIn(targets.getHttpServer() as App, 'dc-b1-secretary');
    const refused = await branch
      .get('/v1/targets/export')
      .query({ orgUnit: TOWNSHIP, year: YEAR })
      .expect(403)
      .expect('Content-Type', /application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 403 });
    await planner
      .get('/v1/targets/export')
      .query({ orgUnit: TOWNSHIP, year: YEAR, format: 'csv' })
      .expect(400);
    await planner.get('/v1/targets/export').query({ orgUnit: 'NO-SUCH', year: YEAR }).expect(404);
  });
});
