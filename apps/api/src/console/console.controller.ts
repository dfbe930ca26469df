import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { mintLocalToken } from '@app/auth';
import { ApiProblems, ConsoleConfig, ProblemError, Public } from '@app/config';

import { DEMO_USERS } from '../../../../prisma/seed/demo-users';
import { DemoSessionDto } from './console.dto';
import { ConsoleSettingsResponse, DemoSessionResponse, DemoUserResponse } from './console.responses';

/** How long a demo session lasts: a working day. */
const DEMO_SESSION_HOURS = 8;

/** What the web console needs before anyone signs in: how to sign in, and in the dev and test profiles who may. */
@ApiTags('console 控制台')
@Controller('v1/console')
export class ConsoleController {
  constructor(private readonly config: ConsoleConfig) {}

  @Get('settings')
  @Public()
  @ApiOperation({ operationId: 'getConsoleSettings', summary: 'How the console signs in (no token needed)' })
  @ApiOkResponse({ type: ConsoleSettingsResponse })
  settings(): ConsoleSettingsResponse {
    const { CONSOLE_OIDC_AUTHORITY: authority, CONSOLE_OIDC_CLIENT_ID: clientId } = this.config;
    if (authority && clientId) {
      return { signIn: 'oidc', oidc: { authority, clientId, scope: this.config.CONSOLE_OIDC_SCOPE } };
    }
    return { signIn: this.config.AUTH_DEMO_LOGIN_DIR ? 'demo' : 'none', oidc: null };
  }

  @Get('demo-users')
  @Public()
  @ApiOperation({
    operationId: 'listDemoUsers',
    summary: 'The demo users the console offers (dev and test profiles only; elsewhere 404)',
  })
  @ApiOkResponse({ type: [DemoUserResponse] })
  @ApiProblems({ 404: 'DEMO_SIGN_IN_OFF' })
  demoUsers(): DemoUserResponse[] {
    this.demoDir();
    return Object.entries(DEMO_USERS).map(([user, claims]) => ({
      user,
      name: claims.name,
      orgUnit: claims.org_unit,
      roles: [...claims.roles],
    }));
  }

  @Post('demo-sessions')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createDemoSession',
    summary: 'Sign in as a demo user: a bearer token from the local issuer (dev and test profiles only)',
  })
  @ApiCreatedResponse({ type: DemoSessionResponse })
  @ApiProblems({ 400: 'REQUEST_VALIDATION_FAILED', 404: 'DEMO_SIGN_IN_OFF' })
  async demoSession(@Body() dto: DemoSessionDto): Promise<DemoSessionResponse> {
    const dir = this.demoDir();
    const token = await mintLocalToken(dir, DEMO_USERS[dto.user]!, { expiresIn: `${DEMO_SESSION_HOURS}h` });
    const expiresAt = new Date(Date.now() + DEMO_SESSION_HOURS * 3_600_000).toISOString();
    return { token, expiresAt };
  }

  private demoDir(): string {
    const dir = this.config.AUTH_DEMO_LOGIN_DIR;
    if (!dir) {
      throw new ProblemError(
        404,
        'DEMO_SIGN_IN_OFF',
        '未启用演示登录',
        'demo sign-in is off in this deployment',
      );
    }
    return dir;
  }
}
