import { defineJob, type JobQueue, type JobType } from '#libs/platform';
import type { EntityManager } from 'typeorm';

type PaymentJobPayload = { paymentId: string };

/** Jobs (outbox) that reach Stripe after a commit, never inside the transaction that decided them. */
export const PAYMENT_JOBS = {
  /** `{ paymentId }`: every order of a card payment was cancelled unpaid; close its Checkout Session. */
  expireCheckoutSession: defineJob<PaymentJobPayload>('payments.stripe-expire-session'),
  /** `{ paymentId }`: a charged card payment has cancelled or refunded orders not given back yet; refund them. */
  refundCancelledOrders: defineJob<PaymentJobPayload>('payments.stripe-refund-cancelled'),
} as const;

/** One queued job of a type per payment (the dedupe key), in the caller's transaction when given. */
export async function enqueuePaymentJobs(jobs: JobQueue, type: JobType<PaymentJobPayload>, paymentIds: string[], manager?: EntityManager): Promise<void> {
  await jobs.enqueueMany(
    type,
    paymentIds.map((paymentId) => ({ paymentId })),
    { manager, dedupeKeys: paymentIds.map((paymentId) => `${type.name}:${paymentId}`) },
  );
}
