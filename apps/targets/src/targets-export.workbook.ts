import ExcelJS from 'exceljs';

import { type AlertView } from '@app/persistence';

import { ALERT_LEVEL_NAMES, FORECAST_STATUS_NAMES, metricName } from './targets-export.labels';
import { type TargetsForecast } from './targets-forecast.service';
import { type EducationShare, type TargetsProgress, type VillageCadreStructure } from './targets.service';

/** The xlsx media type the export answers with. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook's sheets, in order (tests and readers find them by these names). */
export const TARGETS_SHEETS = {
  progress: '计划与完成',
  forecast: '年末预测',
  alerts: '进度预警',
  villageCadres: '村干部学历结构',
  about: '说明',
} as const;

/** What the export holds: the answers of GET /v1/targets, …/forecast, …/alerts and …/village-cadres. */
export interface TargetsExport {
  readonly progress: TargetsProgress;
  readonly forecast: TargetsForecast;
  readonly alerts: readonly AlertView[];
  readonly villageCadres: VillageCadreStructure & { readonly children: readonly VillageCadreStructure[] };
}

/** The unit itself stands for its whole subtree; each child likewise for its own. */
const SCOPE = { unit: '本级（含下级）', child: '下级' } as const;
const PERCENT = '0.00%';

interface Column {
  readonly header: string;
  readonly key: string;
  readonly width: number;
  readonly numFmt?: string;
}

const UNIT_COLUMNS: readonly Column[] = [
  { header: '组织代码', key: 'code', width: 16 },
  { header: '组织名称', key: 'name', width: 22 },
  { header: '范围', key: 'scope', width: 14 },
];
const METRIC_COLUMNS: readonly Column[] = [
  { header: '指标代码', key: 'metric', width: 30 },
  { header: '指标', key: 'metricName', width: 28 },
];

function sheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[]): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map(({ header, key, width, numFmt }) => ({
    header,
    key,
    width,
    ...(numFmt ? { style: { numFmt } } : {}),
  }));
  worksheet.getRow(1).font = { bold: true };
  return worksheet;
}

/** The units of an answer: the unit first (its subtree), then each child. */
function unitsOf<U extends { readonly orgUnit: { readonly code: string; readonly name: string } }>(
  answer: U & { readonly children: readonly U[] },
): { readonly unit: U; readonly scope: string }[] {
  return [
    { unit: answer, scope: SCOPE.unit },
    ...answer.children.map((child) => ({ unit: child, scope: SCOPE.child })),
  ];
}

function progressSheet(workbook: ExcelJS.Workbook, progress: TargetsProgress): void {
  const worksheet = sheet(workbook, TARGETS_SHEETS.progress, [
    ...UNIT_COLUMNS,
    ...METRIC_COLUMNS,
    { header: '计划数', key: 'quota', width: 10 },
    { header: '完成数', key: 'actual', width: 10 },
    { header: '完成率', key: 'attainment', width: 10, numFmt: PERCENT },
  ]);
  for (const { unit, scope } of unitsOf(progress)) {
    for (const [metric, actual] of Object.entries(unit.actuals)) {
      worksheet.addRow({
        code: unit.orgUnit.code,
        name: unit.orgUnit.name,
        scope,
        metric,
        metricName: metricName(metric),
        quota: unit.quotas[metric] ?? null,
        actual,
        attainment: unit.attainment[metric] ?? null,
      });
    }
  }
}

function forecastSheet(workbook: ExcelJS.Workbook, forecast: TargetsForecast): void {
  const worksheet = sheet(workbook, TARGETS_SHEETS.forecast, [
    ...UNIT_COLUMNS,
    ...METRIC_COLUMNS,
    { header: '计划数', key: 'quota', width: 10 },
    { header: '已完成', key: 'actual', width: 10 },
    { header: '在途可计入', key: 'reachable', width: 12 },
    { header: '可达上限', key: 'upperBound', width: 10 },
    { header: '预计年末', key: 'expected', width: 10 },
    { header: '按进度应完成', key: 'dueByNow', width: 14 },
    { header: '状态', key: 'statusName', width: 14 },
    { header: '状态代码', key: 'status', width: 14 },
  ]);
  for (const { unit, scope } of unitsOf(forecast)) {
    for (const [metric, figures] of Object.entries(unit.metrics)) {
      worksheet.addRow({
        code: unit.orgUnit.code,
        name: unit.orgUnit.name,
        scope,
        metric,
        metricName: metricName(metric),
        quota: figures.quota,
        actual: figures.actual,
        reachable: figures.reachable,
        upperBound: figures.upperBound,
        expected: figures.expected,
        dueByNow: figures.dueByNow,
        statusName: FORECAST_STATUS_NAMES[figures.status],
        status: figures.status,
      });
    }
  }
}

function alertsSheet(workbook: ExcelJS.Workbook, alerts: readonly AlertView[]): void {
  const worksheet = sheet(workbook, TARGETS_SHEETS.alerts, [
    { header: '组织代码', key: 'code', width: 16 },
    { header: '组织名称', key: 'name', width: 22 },
    ...METRIC_COLUMNS,
    { header: '级别', key: 'levelName', width: 14 },
    { header: '级别代码', key: 'level', width: 14 },
    { header: '提出日期', key: 'raisedOn', width: 12 },
    { header: '解除日期', key: 'clearedOn', width: 12 },
    { header: '计划数', key: 'quota', width: 10 },
    { header: '已完成', key: 'actual', width: 10 },
    { header: '在途可计入', key: 'reachable', width: 12 },
    { header: '预计年末', key: 'expected', width: 10 },
    { header: '按进度应完成', key: 'dueByNow', width: 14 },
  ]);
  for (const alert of alerts) {
    worksheet.addRow({
      code: alert.orgUnit.code,
      name: alert.orgUnit.name,
      metric: alert.metric,
      metricName: metricName(alert.metric),
      levelName: ALERT_LEVEL_NAMES[alert.level],
      level: alert.level,
      raisedOn: alert.raisedOn,
      clearedOn: alert.clearedOn,
      quota: alert.forecast.quota,
      actual: alert.forecast.actual,
      reachable: alert.forecast.reachable,
      expected: alert.forecast.expected,
      dueByNow: alert.forecast.dueByNow,
    });
  }
}

function villageCadreSheet(workbook: ExcelJS.Workbook, structure: TargetsExport['villageCadres']): void {
  const worksheet = sheet(workbook, TARGETS_SHEETS.villageCadres, [
    ...UNIT_COLUMNS,
    { header: '对象', key: 'population', width: 16 },
    { header: '在任人数', key: 'serving', width: 10 },
    { header: '学历不详（不计入占比）', key: 'educationUnknown', width: 22 },
    { header: '大专及以上', key: 'collegeOrAbove', width: 12 },
    { header: '占比', key: 'share', width: 10, numFmt: PERCENT },
    { header: '目标', key: 'goal', width: 10, numFmt: PERCENT },
    { header: '是否达标', key: 'met', width: 10 },
  ]);
  const row = (unit: VillageCadreStructure, scope: string, population: string, share: EducationShare) =>
    worksheet.addRow({
      code: unit.orgUnit.code,
      name: unit.orgUnit.name,
      scope,
      population,
      serving: share.serving,
      educationUnknown: share.educationUnknown,
      collegeOrAbove: share.collegeOrAbove,
      share: share.share,
      goal: share.goal,
      met: share.met === null ? '无在任人员' : share.met ? '达标' : '未达标',
    });
  for (const { unit, scope } of unitsOf(structure)) {
    row(unit, scope, '村“两委”成员', unit.cadres);
    row(unit, scope, '村党组织书记', unit.secretaries);
  }
}

function aboutSheet(workbook: ExcelJS.Workbook, data: TargetsExport): void {
  const worksheet = workbook.addWorksheet(TARGETS_SHEETS.about);
  worksheet.columns = [
    { header: '项目', key: 'item', width: 18 },
    { header: '内容', key: 'value', width: 90 },
  ];
  worksheet.getRow(1).font = { bold: true };
  const { orgUnit, year } = data.progress;
  worksheet.addRows([
    { item: '组织', value: `${orgUnit.name}（${orgUnit.code}）` },
    { item: '年度', value: year },
    { item: '预测日期', value: data.forecast.asOf },
    { item: '年度已过', value: data.forecast.elapsedShareOfYear },
    {
      item: TARGETS_SHEETS.progress,
      value: '每个组织（本级含全部下级）各指标的计划数、完成数与完成率；计划数为空表示未下达计划',
    },
    {
      item: TARGETS_SHEETS.forecast,
      value:
        '按已完成数与在途案件（按时间规则年底前仍可计入者）预测年末数；按进度应完成为按年度时间比例应达到的数',
    },
    { item: TARGETS_SHEETS.alerts, value: '本组织及下级尚未解除的进度预警（进度滞后、预计无法完成）' },
    {
      item: TARGETS_SHEETS.villageCadres,
      value:
        '“8595”：在任村“两委”成员大专及以上学历占比目标85%，村党组织书记目标95%；占比 = 大专及以上 ÷ 学历已知的在任人数',
    },
  ]);
  worksheet.getCell('B5').numFmt = PERCENT;
}

/** The targets of a unit and its children for a year as an xlsx workbook, figures as numbers. */
export async function targetsWorkbook(data: TargetsExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Xianfeng 先锋';
  progressSheet(workbook, data.progress);
  forecastSheet(workbook, data.forecast);
  alertsSheet(workbook, data.alerts);
  villageCadreSheet(workbook, data.villageCadres);
  aboutSheet(workbook, data);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
