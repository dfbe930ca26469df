import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';

import { type TargetsSchemas } from '../../api/client';
import { TONES } from '../org/style';
import { cadreProgrammesQuery } from './queries';

export type TargetProgress = TargetsSchemas['TargetProgress'];
export type UnitProgress = TargetsSchemas['UnitProgress'];
export type TargetForecast = TargetsSchemas['TargetForecast'];
export type UnitForecast = TargetsSchemas['UnitForecast'];
export type MetricForecast = TargetsSchemas['MetricForecast'];
export type ForecastStatus = MetricForecast['status'];
export type TargetAlert = TargetsSchemas['TargetAlert'];
export type VillageCadreStructure = TargetsSchemas['VillageCadreStructure'];
export type UnitVillageCadreStructure = TargetsSchemas['UnitVillageCadreStructure'];
export type EducationShare = TargetsSchemas['EducationShare'];

/** Figures by metric, as the API keys them (every metric it counts is a key). */
export type ByMetric<T> = Readonly<Record<string, T>>;

/** The metrics' families, as planners read the county's plan (DOMAIN §4.1, §4.2). */
export const METRIC_GROUPS = [
  { key: 'member', name: '发展党员' },
  { key: 'structure', name: '新党员结构' },
  { key: 'cadre', name: '村干部选任' },
  { key: 'reserve', name: '后备库' },
] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number]['key'];

export function groupOf(metric: string): MetricGroup {
  if (metric.startsWith('new-probationary-members-')) return 'structure';
  if (metric.startsWith('cadre-recruits-')) return 'cadre';
  if (metric.startsWith('reservists-')) return 'reserve';
  return 'member';
}

const FIXED_NAMES: ByMetric<string> = {
  applicants: '入党申请人',
  activists: '入党积极分子',
  'development-targets': '发展对象',
  'new-probationary-members': '发展党员（预备党员）',
  conversions: '预备党员转正',
  'probation-extensions': '延长预备期',
  'probation-cancellations': '取消预备党员资格',
  'new-probationary-members-female': '女性',
  'new-probationary-members-aged-35-or-under': '35岁及以下',
  'new-probationary-members-high-school-or-above': '高中及以上学历',
  'new-probationary-members-college-or-above': '大专及以上学历',
  'new-probationary-members-front-line': '生产、工作一线',
  'new-probationary-members-farmers-herders-fishers': '农牧渔民',
  'new-probationary-members-new-sectors': '新兴领域',
  'new-probationary-members-ethnic-minority': '少数民族',
  'reservists-admitted': '入库',
  'reservists-used': '使用',
  'reservists-removed': '出库',
};

/** Recruitment stages counted (cadre-recruits-<stage>, or cadre-recruits-<programme>-<stage>). */
const CADRE_STAGE_NAMES: ByMetric<string> = {
  registered: '报名/推荐',
  qualified: '资格审查通过',
  appointed: '任职',
  confirmed: '试用期满确认',
  exited: '退出',
};

/**
 * A metric's name in Chinese; a programme's recruitment stages carry the programme's name as the API lists
 * the programmes (GET /v1/cadre-programmes).
 */
export function useMetricNames(): (metric: string) => string {
  const programmes = useQuery(cadreProgrammesQuery);
  const data = programmes.data;
  return useCallback(
    (metric: string) => {
      const fixed = FIXED_NAMES[metric];
      if (fixed) return fixed;
      const cadre = /^cadre-recruits-(?:([a-z]+)-)?([a-z]+)$/.exec(metric);
      if (cadre) {
        const [, programmeId, stage] = cadre;
        const stageName = CADRE_STAGE_NAMES[stage ?? ''] ?? stage;
        if (!programmeId) return `全部项目：${stageName}`;
        const programme = data?.find((p) => p.id.toLowerCase() === programmeId);
        return `${programme?.name ?? programmeId}：${stageName}`;
      }
      return metric;
    },
    [data],
  );
}

/** How a forecast stands, in words and colour. */
export const STATUS_TAGS: Record<
  ForecastStatus,
  { readonly name: string; readonly color: string | undefined }
> = {
  NO_QUOTA: { name: '未下达计划', color: undefined },
  ACHIEVED: { name: '已完成', color: TONES.good },
  ON_TRACK: { name: '进度正常', color: TONES.info },
  BEHIND_PACE: { name: '进度滞后', color: TONES.warn },
  UNREACHABLE: { name: '预计无法完成', color: TONES.bad },
};

/** Worst first: the order alerts are listed in. */
export const SEVERITY: Record<ForecastStatus, number> = {
  UNREACHABLE: 0,
  BEHIND_PACE: 1,
  ON_TRACK: 2,
  ACHIEVED: 3,
  NO_QUOTA: 4,
};

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
