import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RATE_LIMITS, type RateLimitName, type RateLimitRule } from './rate-limits.js';

export const RATE_LIMIT = 'pk:rate-limit';
export const SKIP_RATE_LIMIT = 'pk:skip-rate-limit';

/** Holds a write route to the named budget of RATE_LIMITS as well as the default `write` one. */
export const RateLimit = (name: Exclude<RateLimitName, 'write'>) => {
  const rule: RateLimitRule = RATE_LIMITS[name];
  const per = [rule.perClient && `${rule.perClient} per client address`, rule.perAccount && `${rule.perAccount} per account`].filter(Boolean).join(', ');
  return applyDecorators(
    SetMetadata(RATE_LIMIT, name),
    ApiTooManyRequestsResponse({ description: `Over the budget for ${rule.what} (${per} every ${rule.windowSeconds / 60} minutes); see Retry-After` }),
  );
};

/** Leaves a route out of every budget: only for callers that authenticate otherwise and send bursts by design (payment webhooks). */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);
