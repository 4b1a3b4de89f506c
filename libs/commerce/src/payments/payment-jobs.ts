import { defineJob, type JobQueue, type JobType } from '#libs/platform';
import type { EntityManager } from 'typeorm';

type PaymentJobPayload = { paymentId: string };
type RefundJobPayload = { refundId: string };

/** Jobs (outbox) that reach Stripe or Xendit after a commit, never inside the transaction that decided them. */
export const PAYMENT_JOBS = {
  /** `{ paymentId }`: every order of a card payment was cancelled unpaid; close its Checkout Session. */
  expireCheckoutSession: defineJob<PaymentJobPayload>('payments.stripe-expire-session'),
  /** `{ paymentId }`: a charged card payment has cancelled or refunded orders not given back yet; refund them. */
  refundCancelledOrders: defineJob<PaymentJobPayload>('payments.stripe-refund-cancelled'),
  /** `{ refundId }`: a part of a card-paid order is owed back (`order_refunds`); refund that amount. */
  refundPart: defineJob<RefundJobPayload>('payments.stripe-refund-part'),
  /** `{ paymentId }`: every order of a Xendit payment was cancelled unpaid; expire its invoice so it cannot be paid. */
  expireXenditInvoice: defineJob<PaymentJobPayload>('payments.xendit-expire-invoice'),
} as const;

/** One queued job of a type per payment (the dedupe key), in the caller's transaction when given. */
export async function enqueuePaymentJobs(jobs: JobQueue, type: JobType<PaymentJobPayload>, paymentIds: string[], manager?: EntityManager): Promise<void> {
  await enqueueJobs(jobs, type, 'paymentId', paymentIds, manager);
}

/** One queued job of a type per id (payload `{ [field]: id }`, dedupe key `<type>:<id>`), in the caller's transaction when given. */
export async function enqueueJobs<F extends string>(jobs: JobQueue, type: JobType<Record<F, string>>, field: F, ids: string[], manager?: EntityManager): Promise<void> {
  await jobs.enqueueMany(
    type,
    ids.map((id) => ({ [field]: id }) as Record<F, string>),
    { manager, dedupeKeys: ids.map((id) => `${type.name}:${id}`) },
  );
}
