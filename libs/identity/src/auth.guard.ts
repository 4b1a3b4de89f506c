import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { LOGGER, Problem, type Logger } from '#libs/platform';
import { AUTH_POLICY, type AuthPolicy } from './auth.decorators.js';
import { StaffMfa } from './mfa/staff-mfa.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { TokenService } from './token.service.js';

/** The bearer token, else the browser session cookie. */
export function tokenFrom(req: Request): { token: string; kind: 'token' | 'session' } | undefined {
  const header = req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? { token: match[1]!, kind: 'token' } : undefined;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? { token: cookie, kind: 'session' } : undefined;
}

/**
 * Deny by default: a route without @Public() or @Authenticated() is refused, so a
 * forgotten decorator fails closed. Resolves `req.user` from a token or session.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly staffMfa: StaffMfa,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) {
      this.logger.error({ route: `${req.method} ${req.route?.path}` }, 'route without an access policy refused');
      throw new Problem(403, 'This route has no access policy');
    }
    if (req.user === undefined) {
      const found = tokenFrom(req);
      if (found) {
        const user = await this.tokens.resolve(found.token, req.header('user-agent'));
        if (user) {
          req.user = user;
          req.authKind = found.kind;
        }
      }
    }
    if (policy.public) return true;
    if (!req.user) throw new Problem(401, 'Sign in first: send a valid Authorization: Bearer token');
    if (policy.roles.length && !policy.roles.some((role) => req.user!.roles.includes(role))) {
      throw new Problem(403, `This needs the role ${policy.roles.join(' or ')}`);
    }
    await this.staffMfa.assert(policy, req.user);
    return true;
  }
}
