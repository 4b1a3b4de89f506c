import { Body, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '#libs/identity';
import { ApiController, SkipRateLimit } from '#libs/platform';
import { StripeGateway } from './stripe-gateway.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { invoiceReport, XenditGateway } from './xendit-gateway.js';
import { XenditPayments } from './xendit-payments.service.js';

@ApiController('payments', 'commerce')
export class PaymentsController {
  constructor(
    private readonly stripe: StripeGateway,
    private readonly webhooks: StripeWebhookService,
    private readonly xendit: XenditGateway,
    private readonly xenditPayments: XenditPayments,
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

  /** Xendit's invoice callback; the x-callback-token (XENDIT_CALLBACK_TOKEN) is the authentication. */
  @Post('xendit/webhook')
  @Public()
  // Like Stripe's: bursts from Xendit's few addresses, each callback authenticated by its token.
  @SkipRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: "Xendit invoice callback (x-callback-token checked; PAID/SETTLED marks the payment's orders paid once, EXPIRED cancels the unpaid ones)" })
  @ApiOkResponse({ description: '{ received: true, applied: boolean }' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong x-callback-token: nothing changes' })
  async xenditWebhook(@Headers('x-callback-token') token: string | undefined, @Body() body: Record<string, unknown>) {
    this.xendit.assertCallbackToken(token);
    const report = invoiceReport(body);
    return { received: true, applied: report ? await this.xenditPayments.apply(report) : false };
  }
}
