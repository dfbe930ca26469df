import { randomUUID } from 'node:crypto';

import {
  APPLICATION_RECEIVED_V1,
  type ApplicantFacts,
  type ApplicationReceivedEvent,
  EVENT_SOURCES,
} from '../../libs/contracts/src';
import { withCheckCharacter } from '../../libs/domain/src';

/** A valid 18-digit ID number for a person born on `birth` (YYYYMMDD). */
export function nationalIdFor(birth: string, sequence: string): string {
  return withCheckCharacter(`320602${birth}${sequence}`);
}

/**
 * An application-received event for a made-up case at `branch` (an org_unit row), shaped as the API's
 * repository writes it into the outbox; for feeding the relay and the targets consumer directly.
 */
export function applicationReceivedEvent(
  branch: { readonly id: string; readonly path: string },
  applicationDate: string,
  applicant: ApplicantFacts,
): ApplicationReceivedEvent {
  const caseId = randomUUID();
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: EVENT_SOURCES.memberDevelopment,
    type: APPLICATION_RECEIVED_V1,
    subject: caseId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      caseId,
      personId: randomUUID(),
      stage: 'APPLICANT',
      step: 1,
      ruleSet: '2026.05',
      applicationDate,
      branch: { id: branch.id, path: branch.path.split('/').filter(Boolean) },
      applicant,
    },
  };
}
