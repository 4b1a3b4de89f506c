import type { AppConfig } from '#libs/platform';

/** The order state machine of DESIGN.md as data: which move exists and who may make it. */
export const ORDER_STATUSES = ['pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who acts on an order: its buyer, a manager of its seller, the platform itself (Stripe, expiry), an admin. */
export type OrderActor = 'buyer' | 'seller' | 'system' | 'admin';

export interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
  by: readonly OrderActor[];
  /** The transition needs a tracking number (shipping). */
  needsTrackingNumber?: boolean;
  /** The transition gives reserved stock back. */
  restocks?: boolean;
  /** Actors of `by` who may make it only while no courier service tracks parcels (BITESHIP_API_KEY unset). */
  onlyUntracked?: readonly OrderActor[];
}

export const TRANSITIONS: readonly Transition[] = [
  // Only the platform confirms a payment: an admin matches a bank transfer, a gateway's webhook a card
  // payment. A seller marking its own order paid could fake sales, reviews and refunds owed.
  { from: ['pending_payment'], to: 'paid', by: ['admin', 'system'] },
  { from: ['paid'], to: 'processing', by: ['seller'] },
  { from: ['processing'], to: 'shipped', by: ['seller'], needsTrackingNumber: true },
  // The buyer says the parcel arrived, or the courier does (Biteship's callback, checked by reading the order
  // back from Biteship). The seller only while no courier service tracks parcels (API.md), as then nobody
  // else can: delivery starts the clock that releases the seller's money, and the buyer may still complain
  // within DISPUTE_WINDOW_HOURS of it.
  { from: ['shipped'], to: 'delivered', by: ['buyer', 'system', 'seller'], onlyUntracked: ['seller'] },
  // The buyer confirms receipt ("Pesanan diterima"), from shipped too (as on Tokopedia); the system
  // completes ORDER_AUTOCOMPLETE_DAYS after delivery, or 14 days after shipping (OrderAutocomplete).
  { from: ['shipped', 'delivered'], to: 'completed', by: ['buyer', 'system'] },
  // A buyer may cancel only before paying; the seller also after; the system on expiry.
  { from: ['pending_payment'], to: 'cancelled', by: ['buyer', 'seller', 'system'], restocks: true },
  { from: ['paid'], to: 'cancelled', by: ['seller'], restocks: true },
  // Refunds are made by the platform (an admin, or Stripe reporting a refunded charge).
  { from: ['paid', 'processing', 'shipped', 'delivered', 'completed'], to: 'refunded', by: ['admin', 'system'], restocks: true },
];

export type TransitionCheck = { ok: true; transition: Transition } | { ok: false; reason: 'state' | 'role' };

/** Whether a courier service tracks parcels (BITESHIP_API_KEY set): the actors a transition names `onlyUntracked` drop out. */
export interface TransitionContext {
  tracked?: boolean;
}

/** Whether a courier service tracks parcels here (BITESHIP_API_KEY set), so only it (or the buyer) says one arrived. */
export function transitionContextOf(config: Pick<AppConfig, 'biteshipApiKey'>): TransitionContext {
  return { tracked: Boolean(config.biteshipApiKey) };
}

const may = (t: Transition, actor: OrderActor, context: TransitionContext) => t.by.includes(actor) && !(context.tracked && t.onlyUntracked?.includes(actor));

/** Whether `actors` (the roles the caller holds on this order) may move it from `from` to `to`. */
export function checkTransition(from: OrderStatus, to: OrderStatus, actors: readonly OrderActor[], context: TransitionContext = {}): TransitionCheck {
  const possible = TRANSITIONS.filter((t) => t.to === to && t.from.includes(from));
  if (possible.length === 0) return { ok: false, reason: 'state' };
  const allowed = possible.find((t) => actors.some((actor) => may(t, actor, context)));
  return allowed ? { ok: true, transition: allowed } : { ok: false, reason: 'role' };
}

export function nextStatuses(from: OrderStatus, actors: readonly OrderActor[], context: TransitionContext = {}): OrderStatus[] {
  return TRANSITIONS.filter((t) => t.from.includes(from) && actors.some((actor) => may(t, actor, context))).map((t) => t.to);
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}
