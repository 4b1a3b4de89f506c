import { Body, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '#libs/identity';
import { ApiController, APP_CONFIG, isXenditCallbackToken, Problem, SkipRateLimit, type AppConfig } from '#libs/platform';
import { XenditPayouts, type PayoutCallback } from './xendit-payouts.js';

/** Xendit's payout callback (API.md "Indonesian payment methods"); beside commerce's invoice callback under /payments/xendit. */
@ApiController('payments/xendit', 'payouts')
export class XenditPayoutsController {
  constructor(
    private readonly payouts: XenditPayouts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('payout-webhook')
  @Public()
  // Xendit authenticates every callback with its token and sends them in bursts from a few addresses.
  @SkipRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Xendit payout callback (x-callback-token checked): payout.succeeded → paid, payout.failed → failed (money back to available); repeats change nothing' })
  @ApiOkResponse({ description: '{ received: true, applied: boolean }' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong x-callback-token: nothing changes' })
  async webhook(@Headers('x-callback-token') token: string | undefined, @Body() body: PayoutCallback) {
    if (!this.config.xenditSecretKey || !isXenditCallbackToken(this.config, token)) throw new Problem(401, 'Missing or wrong x-callback-token');
    return { received: true, applied: await this.payouts.apply(body ?? {}) };
  }
}
