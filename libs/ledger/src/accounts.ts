import { invalid } from '#libs/platform';

/** Who an account belongs to: a seller, a cooperative (its own fee share), or the platform. */
export const OWNER_TYPES = ['seller', 'cooperative', 'platform'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];
export type Owner = { type: 'seller' | 'cooperative'; id: string };

/** The accounts every seller and cooperative has: money for an order not completed yet, money it may be paid, money on its way to its bank, and what it owes the platform. */
export const OWNER_KINDS = ['held', 'available', 'in_transit', 'owed'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/**
 * The platform's accounts: `clearing:<method>` (money received at the bank or gateway of that
 * payment method), `commission` (revenue), `refunds_payable` (owed back to buyers, paid by hand),
 * `payouts_clearing` (money paid out of the platform's bank to sellers and cooperatives).
 */
export const PLATFORM_KINDS = ['clearing', 'commission', 'refunds_payable', 'payouts_clearing'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];
export type AccountKind = OwnerKind | PlatformKind;

/** Debit-normal accounts (assets of the platform): money at a bank or gateway, and what sellers owe. Every other account is credit-normal. */
const DEBIT_NORMAL: ReadonlySet<AccountKind> = new Set(['owed', 'clearing']);

export type NormalSide = 'debit' | 'credit';

export interface Account {
  code: string;
  ownerType: OwnerType;
  ownerId: string | null;
  kind: AccountKind;
  normalSide: NormalSide;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const METHOD = /^[a-z][a-z0-9_]{0,39}$/;

export const normalSideOf = (kind: AccountKind): NormalSide => (DEBIT_NORMAL.has(kind) ? 'debit' : 'credit');

/** `seller:<uuid>:held`, `cooperative:<uuid>:available`, … */
export function ownerAccount(owner: Owner, kind: OwnerKind): string {
  return `${owner.type}:${owner.id.toLowerCase()}:${kind}`;
}

export const sellerAccount = (sellerId: string, kind: OwnerKind) => ownerAccount({ type: 'seller', id: sellerId }, kind);
export const cooperativeAccount = (cooperativeId: string, kind: OwnerKind) => ownerAccount({ type: 'cooperative', id: cooperativeId }, kind);

/** `platform:clearing:<method>` for a payment method, else `platform:<kind>`. */
export function platformAccount(kind: Exclude<PlatformKind, 'clearing'>): string;
export function platformAccount(kind: 'clearing', method: string): string;
export function platformAccount(kind: PlatformKind, method?: string): string {
  return kind === 'clearing' ? `platform:clearing:${method}` : `platform:${kind}`;
}

/** Reads an account code (422 naming `field` when it is not one), the same rule as the table's check. */
export function parseAccount(code: string, field = 'account'): Account {
  const parts = typeof code === 'string' ? code.split(':') : [];
  if (parts[0] === 'seller' || parts[0] === 'cooperative') {
    const [ownerType, ownerId, kind] = parts as [OwnerType, string, OwnerKind];
    if (parts.length === 3 && UUID.test(ownerId) && (OWNER_KINDS as readonly string[]).includes(kind)) {
      return { code, ownerType, ownerId, kind, normalSide: normalSideOf(kind) };
    }
  } else if (parts[0] === 'platform') {
    const kind = parts[1] as PlatformKind;
    if (kind === 'clearing' ? parts.length === 3 && METHOD.test(parts[2]!) : parts.length === 2 && (PLATFORM_KINDS as readonly string[]).includes(kind)) {
      return { code, ownerType: 'platform', ownerId: null, kind, normalSide: normalSideOf(kind) };
    }
  }
  throw invalid(
    field,
    `is not a ledger account (seller:<uuid>:held|available|in_transit|owed, cooperative:<uuid>:…, platform:commission|refunds_payable|payouts_clearing, platform:clearing:<method>)`,
  );
}

/**
 * A balance as its owner reads it: positive on the account's normal side (a seller's `available`
 * of Rp 10.000 is stored as the credit −1000000 and read as 1000000).
 */
export const presented = (normalSide: NormalSide, raw: number) => (normalSide === 'debit' ? raw : -raw) || 0;

/** The database's sign check, in words: an owner's held, available and in-transit money never goes below zero, nor does `owed`. */
export function breaksSign(kind: AccountKind, raw: number): boolean {
  if (kind === 'held' || kind === 'available' || kind === 'in_transit') return raw > 0;
  if (kind === 'owed') return raw < 0;
  return false;
}
