import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';

import { DEMO_USERS } from '../../../../prisma/seed/demo-users';

export class DemoSessionDto {
  @ApiProperty({ example: 'dz-organiser', description: 'one of GET /v1/console/demo-users' })
  @IsString()
  @IsIn(Object.keys(DEMO_USERS))
  user!: string;
}
