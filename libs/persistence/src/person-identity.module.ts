import { Global, Module } from '@nestjs/common';

import { PiiConfig } from '@app/config';

import { PersonIdProtector } from './person-id-protector';
import { PersonsRepository } from './repositories/persons';

/**
 * The person registry by national ID number and the keys protecting the number (needs PiiConfig and
 * PersistenceModule). Only the apps that record people import it (api, worker): the others never hold the keys.
 */
@Global()
@Module({
  providers: [
    {
      provide: PersonIdProtector,
      inject: [PiiConfig],
      useFactory: (config: PiiConfig) => PersonIdProtector.fromConfig(config),
    },
    PersonsRepository,
  ],
  exports: [PersonIdProtector, PersonsRepository],
})
export class PersonIdentityModule {}
