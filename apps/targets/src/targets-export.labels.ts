import {
  CADRE_EVENT_STAGES,
  CADRE_PROGRAMMES,
  type ForecastStatus,
  type TARGET_METRICS,
  cadreProgrammeMetric,
} from '@app/domain';

/** The Chinese names planners read in the workbook: the metrics (DOMAIN §4.1, §4.2) and the forecast statuses. */

const CADRE_STAGE_NAMES: Readonly<
  Record<(typeof CADRE_EVENT_STAGES)[keyof typeof CADRE_EVENT_STAGES], string>
> = {
  registered: '报名/推荐',
  qualified: '资格审查通过',
  appointed: '任职',
  confirmed: '试用期满确认',
  exited: '退出',
};

const FIXED_METRIC_NAMES: Readonly<Record<(typeof TARGET_METRICS)[keyof typeof TARGET_METRICS], string>> = {
  applicants: '入党申请人',
  activists: '入党积极分子',
  'development-targets': '发展对象',
  'new-probationary-members': '发展党员（预备党员）',
  conversions: '预备党员转正',
  'probation-extensions': '延长预备期',
  'probation-cancellations': '取消预备党员资格',
  'new-probationary-members-female': '发展党员：女性',
  'new-probationary-members-aged-35-or-under': '发展党员：35岁及以下',
  'new-probationary-members-high-school-or-above': '发展党员：高中及以上学历',
  'new-probationary-members-college-or-above': '发展党员：大专及以上学历',
  'new-probationary-members-front-line': '发展党员：生产、工作一线',
  'new-probationary-members-farmers-herders-fishers': '发展党员：农牧渔民',
  'new-probationary-members-new-sectors': '发展党员：新兴领域',
  'new-probationary-members-ethnic-minority': '发展党员：少数民族',
  'cadre-recruits-registered': `村干部选任：${CADRE_STAGE_NAMES.registered}`,
  'cadre-recruits-qualified': `村干部选任：${CADRE_STAGE_NAMES.qualified}`,
  'cadre-recruits-appointed': `村干部选任：${CADRE_STAGE_NAMES.appointed}`,
  'cadre-recruits-confirmed': `村干部选任：${CADRE_STAGE_NAMES.confirmed}`,
  'cadre-recruits-exited': `村干部选任：${CADRE_STAGE_NAMES.exited}`,
  'reservists-admitted': '村两委后备库：入库',
  'reservists-used': '村两委后备库：使用',
  'reservists-removed': '村两委后备库：出库',
};

const PROGRAMME_METRIC_NAMES: ReadonlyMap<string, string> = new Map(
  CADRE_PROGRAMMES.flatMap((programme) =>
    Object.values(CADRE_EVENT_STAGES).map((stage) => [
      cadreProgrammeMetric(programme.id, stage),
      `${programme.name}：${CADRE_STAGE_NAMES[stage]}`,
    ]),
  ),
);

/** A metric's Chinese name (its code for one this list does not know yet). */
export function metricName(metric: string): string {
  return (
    (FIXED_METRIC_NAMES as Readonly<Record<string, string>>)[metric] ??
    PROGRAMME_METRIC_NAMES.get(metric) ??
    metric
  );
}

export const FORECAST_STATUS_NAMES: Readonly<Record<ForecastStatus, string>> = {
  NO_QUOTA: '未下达计划',
  ACHIEVED: '已完成',
  ON_TRACK: '进度正常',
  BEHIND_PACE: '进度滞后',
  UNREACHABLE: '预计无法完成',
};

export const ALERT_LEVEL_NAMES: Readonly<Record<'BEHIND_PACE' | 'UNREACHABLE', string>> = {
  BEHIND_PACE: FORECAST_STATUS_NAMES.BEHIND_PACE,
  UNREACHABLE: FORECAST_STATUS_NAMES.UNREACHABLE,
};
