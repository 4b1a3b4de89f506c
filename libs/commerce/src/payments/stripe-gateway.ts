import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, invalid, Problem, type AppConfig } from '#libs/platform';

export interface CheckoutSessionRequest {
  paymentId: string;
  reference: string;
  buyerEmail: string;
  orders: Array<{ id: string; label: string; totalAmount: number }>;
  expiresInMinutes: number;
}

/** Stripe Checkout, when STRIPE_SECRET_KEY is set; STRIPE_API_BASE points the SDK elsewhere (tests). */
@Injectable()
export class StripeGateway {
  private readonly client?: Stripe;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (!config.stripeSecretKey) return;
    const base = config.stripeApiBase ? new URL(config.stripeApiBase) : undefined;
    const protocol = base?.protocol === 'http:' ? 'http' : 'https';
    this.client = new Stripe(config.stripeSecretKey, {
      maxNetworkRetries: 2,
      timeout: 15_000,
      ...(base ? { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
    });
  }

  get enabled(): boolean {
    return !!this.client;
  }

  /** One session for all orders of a checkout; amounts are IDR minor units (IDR is not zero-decimal at Stripe). */
  async createCheckoutSession(request: CheckoutSessionRequest): Promise<{ id: string; url: string }> {
    if (!this.client) throw invalid('paymentMethod', 'card payments are not configured: choose bank_transfer');
    // Stripe accepts expiry between 30 minutes and 24 hours from now.
    const expiresIn = Math.min(Math.max(request.expiresInMinutes, 30), 24 * 60) * 60;
    const session = await this.client.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: request.paymentId,
        customer_email: request.buyerEmail,
        line_items: request.orders.map((order) => ({
          quantity: 1,
          price_data: { currency: 'idr', unit_amount: order.totalAmount, product_data: { name: order.label } },
        })),
        metadata: {
          paymentId: request.paymentId,
          reference: request.reference,
          orderIds: request.orders
            .map((o) => o.id)
            .join(',')
            .slice(0, 500),
        },
        payment_intent_data: { metadata: { paymentId: request.paymentId } },
        success_url: `${this.config.publicUrl}/checkout/done/${request.paymentId}`,
        cancel_url: `${this.config.publicUrl}/checkout/done/${request.paymentId}?cancelled=1`,
        expires_at: Math.floor(Date.now() / 1000) + expiresIn,
      },
      { idempotencyKey: `checkout-${request.paymentId}` },
    );
    if (!session.url) throw new Problem(502, 'Stripe returned no checkout URL');
    return { id: session.id, url: session.url };
  }

  /**
   * Closes an open Checkout Session, so its buyer can no longer pay for orders that were
   * cancelled. False when Stripe says the session is not open any more (paid or expired).
   */
  async expireSession(sessionId: string): Promise<boolean> {
    if (!this.client) return false;
    try {
      await this.client.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire-${sessionId}` });
      return true;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) return false;
      throw error;
    }
  }

  /**
   * Refunds `amount` (IDR minor units) of a payment intent. The same `key` reuses the first
   * refund (a retried job); null when Stripe says the charge was already refunded.
   */
  async refund(request: { key: string; paymentId: string; paymentIntentId: string; amount: number }): Promise<{ id: string } | null> {
    if (!this.client) throw new Error('Stripe is not configured');
    try {
      const refund = await this.client.refunds.create(
        { payment_intent: request.paymentIntentId, amount: request.amount, metadata: { paymentId: request.paymentId } },
        { idempotencyKey: `refund-${request.key}` },
      );
      return { id: refund.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'charge_already_refunded') return null;
      throw error;
    }
  }

  /** The event, if `signature` signs `rawBody` with STRIPE_WEBHOOK_SECRET; otherwise 400. */
  verify(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    const secret = this.config.stripeWebhookSecret;
    if (!secret || !rawBody || !signature) throw new Problem(400, 'Missing or unverifiable Stripe-Signature');
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      throw new Problem(400, 'Invalid Stripe-Signature');
    }
  }
}
