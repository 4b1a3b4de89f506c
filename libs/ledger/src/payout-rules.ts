/** How long payouts wait after a payout account is changed (a hijacked login cannot redirect money at once). */
export const ACCOUNT_CHANGE_HOLD_MS = 3 * 24 * 60 * 60 * 1000;

/** What stops a payout to a seller or a cooperative. */
export type PayoutBlocker = 'no_account' | 'account_on_hold' | 'below_minimum' | 'email_unverified';

export interface PayoutAccountState {
  payoutsHeldUntil: Date | null;
}

/**
 * The one rule of who may be paid now: an account is set, it was not changed in the last 3 days,
 * the available balance reaches PAYOUT_MINIMUM_IDR (`minimumMinor`, minor units), and the email of
 * whoever the money answers to is verified (a seller's owner; for a cooperative, the coop_admin who
 * set its account), so payout notices reach a person who proved the address. The payout run
 * (PayoutsService.run: the first three in SQL, the email through identity) and the Saldo page both
 * follow it; keep them together.
 */
export function payoutBlockers(account: PayoutAccountState | null, availableMinor: number, minimumMinor: number, emailVerified: boolean, now = new Date()): PayoutBlocker[] {
  const blockers: PayoutBlocker[] = [];
  if (!account) blockers.push('no_account');
  else if (account.payoutsHeldUntil && account.payoutsHeldUntil > now) blockers.push('account_on_hold');
  if (availableMinor < minimumMinor) blockers.push('below_minimum');
  if (!emailVerified) blockers.push('email_unverified');
  return blockers;
}

/** The payout takes the available balance in whole rupiah (the bank transfers whole rupiah); sen stay available. */
export const payableAmount = (availableMinor: number) => Math.floor(availableMinor / 100) * 100;

/** Last four digits, the only part of an account number ever shown. */
export const last4 = (accountNumber: string) => accountNumber.slice(-4);

/** `weekly:2026-W49`: the ISO week in Bali's time (WITA, UTC+8), one weekly run per key. */
export function weeklyRunKey(at: Date): string {
  const wita = new Date(at.getTime() + 8 * 3_600_000);
  const day = new Date(Date.UTC(wita.getUTCFullYear(), wita.getUTCMonth(), wita.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `weekly:${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
