import {
  SearchAttributeType,
  type SearchAttributeUpdatePair,
  defineSearchAttributeKey,
} from '@temporalio/common';
import { patched, upsertSearchAttributes } from '@temporalio/workflow';

import {
  type CasePipeline,
  type Deadline,
  type LocalDate,
  type OpenTask,
  type OrgUnit,
  minDate,
  startOfChinaDay,
} from '@app/domain';

/**
 * What an operator can search cases by in Temporal (the UI's query box, `temporal workflow list --query`):
 * nothing personal, only where the case stands. `XianfengOrgPath` holds the ids of the case's unit and every
 * unit above it, so `XianfengOrgPath = '<township id>'` lists the township's cases. Registered on the namespace
 * by `ensureCaseSearchAttributes` (libs/temporal) before any worker runs these workflows: an upsert of an
 * unknown attribute fails the workflow task.
 */
export const CASE_SEARCH_ATTRIBUTES = {
  kind: defineSearchAttributeKey('XianfengCaseKind', SearchAttributeType.KEYWORD),
  orgPath: defineSearchAttributeKey('XianfengOrgPath', SearchAttributeType.KEYWORD_LIST),
  stage: defineSearchAttributeKey('XianfengStage', SearchAttributeType.KEYWORD),
  nextStep: defineSearchAttributeKey('XianfengNextStep', SearchAttributeType.INT),
  nextDue: defineSearchAttributeKey('XianfengNextDue', SearchAttributeType.DATETIME),
} as const;

/** Runs recorded before the case's visibility was published replay without it (and publish from their next turn). */
export const CASE_VISIBILITY_PATCH = 'case-search-attributes';

/**
 * Where a case stands, as its search attributes show it. No memo: the payload codec encrypts every payload, and
 * an encrypted memo would stop every SDK client without the codec (operators' scripts, tools) from describing
 * the workflow at all; the unit's code and name are one API call away (GET /v1/org-units/{id}).
 */
export interface CaseVisibility {
  readonly kind: CasePipeline;
  /** The unit the case belongs to (a member case's branch, a cadre case's or reservist's village). */
  readonly unit: OrgUnit;
  /** The member stage, the cadre stage, or the reservist's status. */
  readonly stage: string;
  /** The steps the case waits for, and by when. */
  readonly tasks: readonly Pick<OpenTask, 'step' | 'dueOn'>[];
  /** The dates its rules set (warned about, or refused after). */
  readonly deadlines: readonly Pick<Deadline, 'due'>[];
}

/** The earliest of the dates, if any. */
function earliest(dates: readonly (LocalDate | null)[]): LocalDate | undefined {
  return dates
    .filter((date): date is LocalDate => date !== null)
    .reduce<LocalDate | undefined>((min, date) => (min ? minDate(min, date) : date), undefined);
}

/**
 * Keeps a case workflow's search attributes current: `publish` upserts them when what they show has changed
 * since the run last did (once per run at least: a continued run starts from what it was given).
 */
export class CaseVisibilityPublisher {
  private published: string | undefined;

  publish(visibility: CaseVisibility | undefined): void {
    if (!visibility) return;
    const { tasks, deadlines } = visibility;
    const nextStep = tasks.length > 0 ? Math.min(...tasks.map(({ step }) => step)) : null;
    const nextDue =
      earliest([...tasks.map(({ dueOn }) => dueOn), ...deadlines.map(({ due }) => due)]) ?? null;
    const shown = {
      kind: visibility.kind,
      orgPath: [...visibility.unit.path],
      stage: visibility.stage,
      nextStep,
      nextDue,
    };
    const key = JSON.stringify(shown);
    if (key === this.published || !patched(CASE_VISIBILITY_PATCH)) return;
    this.published = key;
    const { kind, orgPath, stage, nextStep: step, nextDue: due } = CASE_SEARCH_ATTRIBUTES;
    const updates: SearchAttributeUpdatePair[] = [
      { key: kind, value: shown.kind },
      { key: orgPath, value: shown.orgPath },
      { key: stage, value: shown.stage },
      { key: step, value: nextStep },
      { key: due, value: nextDue === null ? null : new Date(startOfChinaDay(nextDue)) },
    ];
    upsertSearchAttributes(updates);
  }
}
