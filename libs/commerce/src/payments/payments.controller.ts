import { Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '#libs/identity';
import { ApiController, SkipRateLimit } from '#libs/platform';
import { StripeGateway } from './stripe-gateway.js';
import { StripeWebhookService } from './stripe-webhook.service.js';

@ApiController('payments', 'commerce')
export class PaymentsController {
  constructor(
    private readonly stripe: StripeGateway,
    private readonly webhooks: StripeWebhookService,
  ) {}

  /** Stripe calls this; the signature over the raw body is the authentication. */
  @Post('stripe/webhook')
  @Public()
  // Stripe sends bursts from a few shared addresses and signs every event: a budget per address would only delay payments.
  @SkipRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe webhook (Stripe-Signature verified on the raw body; each event applied once)' })
  @ApiOkResponse({ description: '{ received: true, duplicate: boolean }' })
  @ApiBadRequestResponse({ description: 'Missing or invalid signature' })
  webhook(@Req() req: Request & { rawBody?: Buffer }, @Headers('stripe-signature') signature?: string) {
    return this.webhooks.handle(this.stripe.verify(req.rawBody, signature));
  }
}
