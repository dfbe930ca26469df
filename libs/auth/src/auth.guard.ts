import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { Clock, IS_PUBLIC, ProblemError } from '@app/config';
import { type Principal, delegateViolation, violation } from '@app/domain';
import { DelegationsRepository, OrgUnitsRepository } from '@app/persistence';

import { AccessService } from './access.service';
import { type AuthenticatedRequest } from './principal';
import { IdentityProviderUnavailableError, InvalidTokenError, TokenVerifier } from './token-verifier';

/** Header naming the delegation the caller acts under ("acting for" an absent colleague). */
export const ACTING_FOR_HEADER = 'acting-for';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unauthenticated(detail: string): ProblemError {
  return new ProblemError(401, 'AUTHENTICATION_REQUIRED', '需要登录', detail);
}

/**
 * Every request but the health probes carries a bearer token: verified, its org unit resolved against the
 * org tree, and, with an Acting-For header, swapped for the delegator's unit and roles while the delegation
 * is current. The result is the request's Principal.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly delegations: DelegationsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthenticated('Authorization: Bearer <token> is required');
    let claims;
    try {
      claims = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) {
        this.logger.error({ msg: 'identity provider unavailable', reason: error.message });
        throw new ProblemError(503, 'IDENTITY_PROVIDER_UNAVAILABLE', '身份认证服务暂不可用', error.message, {
          retryAfter: 30,
        });
      }
      if (!(error instanceof InvalidTokenError)) throw error;
      this.logger.warn({ msg: 'token rejected', reason: error.message, path: request.path });
      throw new ProblemError(401, 'TOKEN_INVALID', '登录凭证无效', error.message);
    }
    const orgUnit = await this.orgUnits.find(claims.org_unit);
    if (!orgUnit) {
      throw new ProblemError(
        401,
        'TOKEN_INVALID',
        '登录凭证无效',
        `org_unit ${claims.org_unit} is not an org unit`,
      );
    }
    const own: Principal = {
      subject: claims.sub,
      name: claims.name,
      personId: claims.person_id ?? null,
      orgUnit,
      roles: claims.roles,
      actingFor: null,
    };
    request.principal = await this.withDelegation(own, request.headers[ACTING_FOR_HEADER]);
    return true;
  }

  private async withDelegation(own: Principal, header: string | string[] | undefined): Promise<Principal> {
    if (header === undefined) return own;
    const id = Array.isArray(header) ? header[0] : header;
    const delegation =
      id && UUID.test(id) ? await this.delegations.activeFor(id, own.subject, this.clock.now()) : undefined;
    if (!delegation) {
      this.access.refuse(
        own,
        violation(
          'DELEGATION_NOT_ACTIVE',
          'DOMAIN §5.2',
          `代理授权 ${id ?? ''} 不存在、未生效、已到期或已撤销`,
        ),
        String(id),
      );
    }
    const outside = delegateViolation(delegation.orgUnit, own);
    if (outside) this.access.refuse(own, outside, delegation.id);
    return {
      ...own,
      orgUnit: delegation.orgUnit,
      roles: delegation.roles,
      actingFor: { subject: delegation.delegator.subject, delegationId: delegation.id },
    };
  }
}
