import { invalid } from '#libs/platform';

/**
 * The settlement arithmetic, pure and exact (bigint intermediates, results in IDR minor units).
 *
 * Rounding: the platform's commission and the cooperative's fee are floored to whole rupiah
 * (FEE_UNIT = 100 minor units) and the seller gets the remainder, so the parts always sum to the
 * order's total exactly, fees never exceed their rate, and balances stay in whole rupiah (payable
 * by bank transfer) whenever totals are.
 */
export const BPS = 10_000;
export const FEE_UNIT = 100;
export const MAX_COMMISSION_BPS = 10_000;
export const MAX_COOPERATIVE_FEE_BPS = 3_000;

/** floor(numerator / denominator) down to a whole `unit`; both non-negative. */
export function floorToUnit(numerator: bigint, denominator: bigint, unit = FEE_UNIT): number {
  if (denominator <= 0n) return 0;
  const units = numerator / (denominator * BigInt(unit));
  return Number(units * BigInt(unit));
}

export function assertAmount(value: number, field: string, { positive = false } = {}): void {
  if (!Number.isSafeInteger(value) || value < 0 || (positive && value === 0)) {
    throw invalid(field, positive ? 'must be a positive integer of minor units' : 'must be a non-negative integer of minor units');
  }
}

export function assertBps(value: number, field: string, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw invalid(field, `must be an integer from 0 to ${max} basis points`);
}

/** What each party gets of an order's payment (or gives back of a refund). */
export interface Shares {
  seller: number;
  commission: number;
  cooperativeFee: number;
}

export interface PaymentSplit extends Shares {
  total: number;
  /** The part of the total commission and cooperative fee are taken on (the lines; the rest, shipping, goes to the seller whole). */
  goods: number;
}

/**
 * Splits a payment: commission = ⌊Σ lineAmount × lineBps / 10 000⌋ to whole rupiah (one floor over
 * the sum, so lines do not each lose a part), cooperative fee = ⌊goods × feeBps / 10 000⌋ to whole
 * rupiah (at most what the commission leaves, in whole rupiah), seller = total − commission − cooperative fee.
 */
export function splitPayment(input: { total: number; lines: ReadonlyArray<{ amount: number; bps: number }>; cooperativeFeeBps: number }): PaymentSplit {
  assertAmount(input.total, 'total', { positive: true });
  assertBps(input.cooperativeFeeBps, 'cooperativeFeeBps', MAX_COOPERATIVE_FEE_BPS);
  let goods = 0n;
  let weighted = 0n;
  input.lines.forEach((line, i) => {
    assertAmount(line.amount, `lines[${i}].amount`);
    assertBps(line.bps, `lines[${i}].commissionBps`, MAX_COMMISSION_BPS);
    goods += BigInt(line.amount);
    weighted += BigInt(line.amount) * BigInt(line.bps);
  });
  if (goods > BigInt(input.total)) throw invalid('lines', 'add up to more than the total');
  const commission = floorToUnit(weighted, BigInt(BPS));
  const cooperativeFee = Math.min(floorToUnit(goods * BigInt(input.cooperativeFeeBps), BigInt(BPS)), floorToUnit(BigInt(input.total - commission), 1n));
  return { total: input.total, goods: Number(goods), commission, cooperativeFee, seller: input.total - commission - cooperativeFee };
}

export const sumShares = (s: Shares) => s.seller + s.commission + s.cooperativeFee;

/**
 * Who gives back what of a refund of `amount`, given what each party received for the order
 * (`paid`) and gave back in earlier refunds (`refunded`). Proportional: the platform returns
 * ⌊commission × amount / total⌋ and the cooperative ⌊fee × amount / total⌋ (whole rupiah), the
 * seller the rest. Nobody returns more than it still holds of the order: what the seller cannot
 * take is returned by the platform's commission first, then the cooperative's fee; so the refund
 * that brings the order's refunds to its total returns exactly every remaining share, and every
 * part is ≥ 0. 409-style errors are the caller's: `amount` must be 1 … total − refunded.
 */
export function refundShares(paid: Shares, refunded: Shares, amount: number): Shares {
  const total = sumShares(paid);
  const left = { seller: paid.seller - refunded.seller, commission: paid.commission - refunded.commission, cooperativeFee: paid.cooperativeFee - refunded.cooperativeFee };
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > sumShares(left)) throw new RangeError(`refund of ${amount} outside 1…${sumShares(left)}`);
  let commission = Math.min(floorToUnit(BigInt(paid.commission) * BigInt(amount), BigInt(total)), left.commission);
  let cooperativeFee = Math.min(floorToUnit(BigInt(paid.cooperativeFee) * BigInt(amount), BigInt(total)), left.cooperativeFee);
  const seller = Math.min(amount - commission - cooperativeFee, left.seller);
  const rest = amount - commission - cooperativeFee - seller;
  const extra = Math.min(rest, left.commission - commission);
  commission += extra;
  cooperativeFee += rest - extra;
  return { seller, commission, cooperativeFee };
}

/**
 * Takes `amount` from sources in order (each up to what it has), the rest from `overflow`
 * (a seller's `owed`): `[{ account, amount }]` of the non-zero draws.
 */
export function drawInOrder(amount: number, sources: ReadonlyArray<{ account: string; has: number }>, overflow: string): Array<{ account: string; amount: number }> {
  const draws: Array<{ account: string; amount: number }> = [];
  let rest = amount;
  for (const source of sources) {
    const take = Math.max(0, Math.min(rest, source.has));
    if (take > 0) draws.push({ account: source.account, amount: take });
    rest -= take;
  }
  if (rest > 0) draws.push({ account: overflow, amount: rest });
  return draws;
}
