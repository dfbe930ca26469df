import { Module } from '@nestjs/common';

import { Clock } from '@app/config';
import { CaseSearchRepository } from '@app/persistence';

import { CaseSearchController } from './case-search.controller';
import { CaseSearchService } from './case-search.service';

/**
 * Case lists and search: GET /v1/member-cases and /v1/cadre-cases, and POST …/search (the same filters in a
 * body, with the national ID number, which must not travel in a URL). CaseSearchService.reserveEntries serves
 * reservists alike for the reserve pool's own list.
 */
@Module({
  controllers: [CaseSearchController],
  providers: [CaseSearchService, CaseSearchRepository, Clock],
  exports: [CaseSearchService],
})
export class SearchModule {}
