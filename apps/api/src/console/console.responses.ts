import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { ROLES, type Role } from '@app/domain';

import { DEMO_USERS } from '../../../../prisma/seed/demo-users';

@ApiSchema({ name: 'ConsoleOidcSettings' })
export class ConsoleOidcSettingsResponse {
  @ApiProperty({ example: 'https://id.example.gov.cn/realms/xianfeng', description: 'issuer URL' })
  authority!: string;
  @ApiProperty({ example: 'xianfeng-console' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
}

@ApiSchema({ name: 'ConsoleSettings' })
export class ConsoleSettingsResponse {
  @ApiProperty({
    enum: ['oidc', 'demo', 'none'],
    description:
      'How the console signs in: oidc (authorization code with PKCE at the identity provider), demo (the ' +
      'demo users of the dev and test profiles), none (no sign-in configured)',
  })
  signIn!: 'oidc' | 'demo' | 'none';
  @ApiPropertyOptional({ type: ConsoleOidcSettingsResponse, nullable: true })
  oidc!: ConsoleOidcSettingsResponse | null;
}

@ApiSchema({ name: 'DemoUser' })
export class DemoUserResponse {
  @ApiProperty({ enum: Object.keys(DEMO_USERS), example: 'dz-organiser' }) user!: string;
  @ApiProperty({ example: '陈志强（东镇党委组织员）' }) name!: string;
  @ApiProperty({ example: 'DX-DZ', description: 'the org unit the roles are held at' }) orgUnit!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

@ApiSchema({ name: 'DemoSession' })
export class DemoSessionResponse {
  @ApiProperty({ description: 'bearer token of the demo user (local issuer)' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
