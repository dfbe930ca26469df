import {
  ApiExtraModels,
  ApiProperty,
  type ApiPropertyOptions,
  ApiSchema,
  type ReferenceObject,
  type SchemaObject,
  getSchemaPath,
} from '@nestjs/swagger';

import { unionValues } from '@app/config';
import {
  ALL_TARGET_METRICS,
  COMMITTEE_POSTS,
  EDUCATION_LEVELS,
  FORECAST_METRICS,
  type ForecastStatus,
  type LocalDate,
  type MetricForecast,
  ORG_UNIT_KINDS,
} from '@app/domain';
import { type AlertView, type RosterMember } from '@app/persistence';

import { type TargetsForecast, type UnitForecast } from '../targets-forecast.service';
import { type EducationShare, type TargetsProgress, type VillageCadreStructure } from '../targets.service';

/** The answers of the targets endpoints: progress, forecasts, pace alerts, the 8595 structure, rosters. */

const FORECAST_STATUSES = unionValues<ForecastStatus>()([
  'NO_QUOTA',
  'ACHIEVED',
  'ON_TRACK',
  'BEHIND_PACE',
  'UNREACHABLE',
]);
const ALERT_LEVELS = unionValues<AlertView['level']>()(['BEHIND_PACE', 'UNREACHABLE']);

/** An object with one property per metric, every one present (and the object itself: selfRequired). */
function perMetric(
  metrics: readonly string[],
  value: SchemaObject | ReferenceObject,
  description: string,
): ApiPropertyOptions {
  const names = [...new Set(metrics)];
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((metric) => [metric, value])),
    required: names,
    selfRequired: true,
    description,
  } as ApiPropertyOptions;
}

@ApiSchema({ name: 'TargetOrgUnit' })
class TargetOrgUnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ' }) code!: string;
  @ApiProperty({ example: '东镇党委' }) name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: string;
}

/** A unit's figures for the year: its whole subtree. */
@ApiSchema({ name: 'UnitProgress' })
class UnitProgressResponse {
  @ApiProperty({ type: TargetOrgUnitResponse }) orgUnit!: TargetOrgUnitResponse;
  @ApiProperty(
    perMetric(
      ALL_TARGET_METRICS,
      { type: 'integer' },
      'counts for the unit and its whole subtree, by metric',
    ),
  )
  actuals!: Record<string, number>;
  @ApiProperty(
    perMetric(
      ALL_TARGET_METRICS,
      { type: 'integer', nullable: true },
      'the planned numbers allocated to the unit, by metric (null where none was)',
    ),
  )
  quotas!: Record<string, number | null>;
  @ApiProperty(
    perMetric(
      ALL_TARGET_METRICS,
      { type: 'number', nullable: true },
      'actual ÷ quota, by metric, to four decimals (null without a quota)',
    ),
  )
  attainment!: Record<string, number | null>;
}

@ApiSchema({ name: 'TargetProgress' })
export class TargetProgressResponse extends UnitProgressResponse implements TargetsProgress {
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ type: [UnitProgressResponse], description: 'each child unit' })
  children!: readonly UnitProgressResponse[];
}

/** A metric's year-end forecast and pace. */
@ApiSchema({ name: 'MetricForecast' })
class MetricForecastResponse implements MetricForecast {
  @ApiProperty({ type: 'integer', nullable: true, description: 'null without a quota' }) quota!:
    number | null;
  @ApiProperty({ type: 'integer' }) actual!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'cases in flight that can still count by 31 December (null: no pipeline feeds the metric)',
  })
  reachable!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'actual + reachable (null without a pipeline)',
  })
  upperBound!: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'the year-end figure at the pace so far, capped by upperBound',
  })
  expected!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'what the pro-rata pace asks for by today' })
  dueByNow!: number | null;
  @ApiProperty({ enum: FORECAST_STATUSES }) status!: ForecastStatus;
}

@ApiSchema({ name: 'UnitForecast' })
@ApiExtraModels(MetricForecastResponse)
class UnitForecastResponse implements UnitForecast {
  @ApiProperty({ type: TargetOrgUnitResponse }) orgUnit!: TargetOrgUnitResponse;
  @ApiProperty(
    perMetric(
      FORECAST_METRICS,
      { $ref: getSchemaPath(MetricForecastResponse) },
      'the forecast of each metric',
    ),
  )
  metrics!: Readonly<Record<string, MetricForecastResponse>>;
}

@ApiSchema({ name: 'TargetForecast' })
export class TargetForecastResponse extends UnitForecastResponse implements TargetsForecast {
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ type: String, format: 'date', description: 'the business day the forecast is made on' })
  asOf!: LocalDate;
  @ApiProperty({ type: 'number', example: 0.5, description: 'share of the year gone by the end of asOf' })
  elapsedShareOfYear!: number;
  @ApiProperty({ type: [UnitForecastResponse], description: 'each child unit' })
  children!: readonly UnitForecastResponse[];
}

@ApiSchema({ name: 'TargetAlertOrgUnit' })
class AlertOrgUnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ' }) code!: string;
  @ApiProperty({ example: '东镇党委' }) name!: string;
}

@ApiSchema({ name: 'TargetAlertForecast' })
class AlertForecastResponse {
  @ApiProperty({ type: 'integer' }) quota!: number;
  @ApiProperty({ type: 'integer' }) actual!: number;
  @ApiProperty({ type: 'integer', nullable: true }) reachable!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) upperBound!: number | null;
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiProperty({ type: 'integer', nullable: true }) dueByNow!: number | null;
}

/** A pace alert: a unit behind on a metric, or unable to meet its quota. */
@ApiSchema({ name: 'TargetAlert' })
export class TargetAlertResponse implements AlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: AlertOrgUnitResponse }) orgUnit!: AlertOrgUnitResponse;
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ example: 'activists' }) metric!: string;
  @ApiProperty({ enum: ALERT_LEVELS }) level!: AlertView['level'];
  @ApiProperty({ type: String, format: 'date' }) raisedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null while open' })
  clearedOn!: string | null;
  @ApiProperty({ type: AlertForecastResponse, description: 'the forecast that raised it' })
  forecast!: AlertForecastResponse;
}

/** A share against its goal (8595). */
@ApiSchema({ name: 'EducationShare' })
class EducationShareResponse implements EducationShare {
  @ApiProperty({ type: 'integer', description: 'serving' }) serving!: number;
  @ApiProperty({ type: 'integer', description: 'serving with no education on record: not in the share' })
  educationUnknown!: number;
  @ApiProperty({ type: 'integer', description: 'with 大专 or above' }) collegeOrAbove!: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 0.8667,
    description:
      'collegeOrAbove ÷ those with a known education, to four decimals; null while nobody is counted',
  })
  share!: number | null;
  @ApiProperty({ type: 'number', example: 0.85 }) goal!: number;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null while nobody is counted' })
  met!: boolean | null;
}

@ApiSchema({ name: 'UnitVillageCadreStructure' })
class UnitStructureResponse implements VillageCadreStructure {
  @ApiProperty({ type: TargetOrgUnitResponse }) orgUnit!: TargetOrgUnitResponse;
  @ApiProperty({
    type: EducationShareResponse,
    description: '两委 members (村干部) with 大专 or above: goal 85 %',
  })
  cadres!: EducationShareResponse;
  @ApiProperty({ type: EducationShareResponse, description: '村党组织书记 with 大专 or above: goal 95 %' })
  secretaries!: EducationShareResponse;
}

@ApiSchema({ name: 'VillageCadreStructure' })
export class VillageCadreStructureResponse extends UnitStructureResponse {
  @ApiProperty({ type: [UnitStructureResponse], description: 'each child unit' })
  children!: readonly UnitStructureResponse[];
}

/** An incumbent 两委 member registered on a village's roster. */
@ApiSchema({ name: 'RosterMember' })
export class RosterMemberResponse implements RosterMember {
  @ApiProperty({ example: '王建国' }) name!: string;
  @ApiProperty({ enum: COMMITTEE_POSTS, description: '两委 post' }) post!: string;
  @ApiProperty({ enum: EDUCATION_LEVELS }) education!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'in office since' })
  since!: string | null;
}
