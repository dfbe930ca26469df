import { type ReserveEntryView } from '@app/contracts';

import { type Person, type ReserveEntry } from '../generated/prisma/client';
import { dateOnly } from './dates';
import { personSummary } from './persons';

export const optionalDate = (value: Date | null): string | null => (value ? dateOnly(value) : null);

/** A reserve entry row as the API shows it (the person summarised, national ID masked). */
export function toEntryView(row: ReserveEntry & { person: Person }): ReserveEntryView {
  return {
    id: row.id,
    workflowId: row.workflowId,
    villageId: row.villageId,
    townshipId: row.townshipId,
    category: row.category,
    status: row.status,
    entryStep: row.entryStep,
    education: row.education,
    politicalStatus: row.politicalStatus,
    recommendedOn: dateOnly(row.recommendedOn),
    enteredOn: optionalDate(row.enteredOn),
    leftOn: optionalDate(row.leftOn),
    leftCode: row.leftCode,
    inspectionPost: row.inspectionPost,
    cadreCaseId: row.cadreCaseId,
    memberCaseId: row.memberCaseId,
    person: personSummary(row.person),
  };
}
