/** Jobs (outbox) that reach Stripe after a commit, never inside the transaction that decided them. */
export const PAYMENT_JOBS = {
  /** `{ paymentId }`: every order of a card payment was cancelled unpaid; close its Checkout Session. */
  expireCheckoutSession: 'payments.stripe-expire-session',
  /** `{ paymentId }`: the card was charged after some of the payment's orders were cancelled; refund them. */
  refundCancelledOrders: 'payments.stripe-refund-cancelled',
} as const;
