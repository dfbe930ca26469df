import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import {
  CADRE_EVENT_KINDS,
  cadreEventType,
  describeSchemaErrors,
  validateCadreEventV1,
} from '@app/contracts';
import { type CloudEventContext, unprocessableEvent } from '@app/kafka';

import { CadreRegister } from './cadre-register';

/** Every cadre event type HR hears (xianfeng.cadre.v1), each a `@EventPattern` on the CloudEvent transport. */
@Controller()
export class CadreEventsController {
  private readonly logger = new Logger(CadreEventsController.name);

  constructor(private readonly register: CadreRegister) {}

  @EventPattern(CADRE_EVENT_KINDS.map(cadreEventType))
  async cadreEvent(@Payload() event: unknown, @Ctx() at: CloudEventContext): Promise<void> {
    // Checked against the published schema (AsyncAPI): an event that breaks it can never be applied.
    if (!validateCadreEventV1(event)) throw unprocessableEvent(describeSchemaErrors(validateCadreEventV1));
    const applied = await this.register.apply(event);
    this.logger.log(
      `${applied ? 'applied' : 'already applied'} ${event.type} ${event.id} (${at.topic}/${at.partition}@${at.offset})`,
    );
  }
}
