/**
 * The tables commerce owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: ['carts', 'cart_items', 'orders', 'order_lines', 'order_events', 'payments', 'stripe_events', 'shipping_rates', 'order_refunds', 'seller_shipping_rates', 'order_tracking_events'],
  views: ['commerce_orders_v', 'commerce_order_lines_v', 'commerce_order_events_v'],
} as const;
