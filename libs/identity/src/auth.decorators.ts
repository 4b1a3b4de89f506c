import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CurrentUser as User, Role } from './roles.js';

export const AUTH_POLICY = 'pk:auth-policy';

/** What a route requires. Every route must declare one: the global guard refuses routes without it. */
export interface AuthPolicy {
  /** Anyone, signed in or not (the user is still resolved when a token is sent). */
  public: boolean;
  /** Any of these roles; empty = any signed-in user. */
  roles: Role[];
}

/** Open to everyone. */
export const Public = () => SetMetadata(AUTH_POLICY, { public: true, roles: [] } satisfies AuthPolicy);

/** Signed in, with any of `roles` (or any role when none is given). */
export const Authenticated = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { public: false, roles } satisfies AuthPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Needs role ${roles.join(' or ')}` })] : []),
  );

/** The signed-in user (undefined on public routes for anonymous callers). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User | undefined => ctx.switchToHttp().getRequest<Request>().user);
