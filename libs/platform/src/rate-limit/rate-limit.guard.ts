import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { clientAddressKey } from './client-address.js';
import { RATE_LIMIT, SKIP_RATE_LIMIT } from './rate-limit.decorator.js';
import { RateLimiter } from './rate-limiter.service.js';
import type { RateLimitName } from './rate-limits.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Holds every write route (API and HTML forms alike) to the `write` budget and to its
 * `@RateLimit(name)` budget, per client address and per signed-in account. Must run after
 * the guard that sets `req.user` (identity registers both, in that order).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    if (READS.has(req.method) || this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets)) return true;
    const named = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, targets);
    await this.limiter.consume(named ? ['write', named] : ['write'], { client: clientAddressKey(req.ip), accountId: req.user?.id });
    return true;
  }
}
