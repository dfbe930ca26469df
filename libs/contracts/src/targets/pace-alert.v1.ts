import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';

/**
 * Pace alerts of the annual targets (DOMAIN §4): `cn.xianfeng.targets.pace-alert-raised.v1` when a unit's
 * forecast for a metric falls behind (BEHIND_PACE) or can no longer meet the quota (UNREACHABLE), and
 * `…pace-alert-cleared.v1` when it recovers. Topic xianfeng.targets.v1, keyed by unit, year and metric.
 */
export const PACE_ALERT_KINDS = ['pace-alert-raised', 'pace-alert-cleared'] as const;
export type PaceAlertKind = (typeof PACE_ALERT_KINDS)[number];
export const paceAlertEventType = (kind: PaceAlertKind): string => `cn.xianfeng.targets.${kind}.v1`;

export type PaceAlertV1 = {
  readonly alertId: string;
  readonly orgUnit: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly path: readonly string[];
  };
  readonly year: number;
  readonly metric: string;
  readonly level: 'BEHIND_PACE' | 'UNREACHABLE';
  /** The business day (Asia/Shanghai) the forecast was made. */
  readonly asOf: string;
  readonly forecast: {
    readonly quota: number;
    readonly actual: number;
    readonly reachable: number | null;
    readonly upperBound: number | null;
    readonly expected: number;
    readonly dueByNow: number | null;
  };
};

const count = { type: 'integer', minimum: 0 } as const;
const nullableCount = { type: ['integer', 'null'], minimum: 0 } as const;

export const paceAlertV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['alertId', 'orgUnit', 'year', 'metric', 'level', 'asOf', 'forecast'],
  properties: {
    alertId: { type: 'string', format: 'uuid' },
    orgUnit: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'code', 'name', 'path'],
      properties: {
        id: branchRefSchema.properties.id,
        code: { type: 'string', minLength: 1 },
        name: { type: 'string', minLength: 1 },
        path: branchRefSchema.properties.path,
      },
    },
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    metric: { type: 'string', minLength: 1 },
    level: { enum: ['BEHIND_PACE', 'UNREACHABLE'] },
    asOf: { type: 'string', format: 'date' },
    forecast: {
      type: 'object',
      additionalProperties: false,
      required: ['quota', 'actual', 'reachable', 'upperBound', 'expected', 'dueByNow'],
      properties: {
        quota: count,
        actual: count,
        reachable: nullableCount,
        upperBound: nullableCount,
        expected: count,
        dueByNow: nullableCount,
      },
    },
  },
} as const;

export type PaceAlertCloudEvent = CloudEvent<PaceAlertV1>;
export const validatePaceAlertV1 = compileEventValidator<PaceAlertV1>(paceAlertV1Schema);
