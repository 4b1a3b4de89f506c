/** A budget of requests: at most `perClient` from one client address and `perAccount` from one signed-in account per window. */
export interface RateLimitRule {
  perClient?: number;
  perAccount?: number;
  windowSeconds: number;
  /** What is counted, for the refusal: "Too many sign-ups from this network address…". */
  what: string;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * Every write route's budgets, in one place. `write` applies to every POST, PUT, PATCH and
 * DELETE; a route marked `@RateLimit(name)` is also held to that stricter budget. Per-client
 * budgets are generous because many people share one address (mobile carrier NAT, a
 * cooperative's office, a workshop on one Wi-Fi). RATE_LIMIT_FACTOR multiplies them all.
 */
export const RATE_LIMITS = {
  write: { perClient: 600, perAccount: 300, windowSeconds: 5 * MINUTE, what: 'changes' },
  // Each costs an argon2 hash; a room of artisans signing up together still fits.
  signup: { perClient: 20, windowSeconds: HOUR, what: 'sign-ups' },
  // All attempts, on top of LoginThrottle's count of failures per account and address.
  login: { perClient: 60, windowSeconds: 15 * MINUTE, what: 'sign-in attempts' },
  password: { perClient: 20, perAccount: 10, windowSeconds: HOUR, what: 'password changes' },
  // Password-reset and verification mails; identity also limits them per address and account.
  accountEmail: { perClient: 30, perAccount: 10, windowSeconds: HOUR, what: 'account emails' },
  // Six-digit codes: LoginThrottle and each sign-in challenge count wrong ones too; this caps guessing per address and account.
  mfa: { perClient: 60, perAccount: 20, windowSeconds: 15 * MINUTE, what: 'two-factor codes' },
  // An artisan photographing a whole collection in one sitting stays well inside.
  upload: { perClient: 400, perAccount: 200, windowSeconds: HOUR, what: 'uploads' },
  import: { perClient: 40, perAccount: 20, windowSeconds: HOUR, what: 'CSV imports' },
  publish: { perClient: 60, perAccount: 30, windowSeconds: HOUR, what: 'storefront publishes' },
  review: { perClient: 60, perAccount: 30, windowSeconds: HOUR, what: 'reviews, replies and reports' },
  rfq: { perClient: 60, perAccount: 30, windowSeconds: HOUR, what: 'requests for quotation' },
  quote: { perClient: 120, perAccount: 60, windowSeconds: HOUR, what: 'quotes' },
  // Each may ask Biteship (rates, a booking): a shopper comparing couriers for a while stays inside.
  shipping: { perClient: 600, perAccount: 300, windowSeconds: HOUR, what: 'shipping rate lookups and bookings' },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;
