import { Injectable } from '@nestjs/common';

import {
  type CadreCaseView,
  type RecordCadreActionCommand,
  type RecordCadreDeadlineCommand,
  type RecordCadreNominationCommand,
} from '@app/contracts';
import { CadreCasesRepository } from '@app/persistence';
import { type CadreRecruitmentActivities } from '@app/workflows/cadre-recruitment/activities';

import { asActivity } from './member-development.activities';

@Injectable()
export class CadreRecruitmentActivitiesService implements CadreRecruitmentActivities {
  constructor(private readonly cadreCases: CadreCasesRepository) {}

  recordCadreNomination(command: RecordCadreNominationCommand): Promise<CadreCaseView> {
    return asActivity(() => this.cadreCases.recordNomination(command));
  }

  recordCadreAction(command: RecordCadreActionCommand): Promise<CadreCaseView> {
    return asActivity(() => this.cadreCases.recordAction(command));
  }

  recordCadreDeadline(command: RecordCadreDeadlineCommand): Promise<void> {
    return asActivity(() => this.cadreCases.recordDeadline(command));
  }
}

/** The plain object the worker registers: methods bound to the Nest service. */
export function createCadreRecruitmentActivities(
  service: CadreRecruitmentActivitiesService,
): CadreRecruitmentActivities {
  return {
    recordCadreNomination: service.recordCadreNomination.bind(service),
    recordCadreAction: service.recordCadreAction.bind(service),
    recordCadreDeadline: service.recordCadreDeadline.bind(service),
  };
}
