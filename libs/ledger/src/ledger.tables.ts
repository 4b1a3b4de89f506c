/**
 * The tables ledger owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: [
    'ledger_accounts',
    'ledger_balances',
    'ledger_transactions',
    'ledger_entries',
    'ledger_commission_rates',
    'ledger_cooperative_fees',
    'ledger_payout_accounts',
    'ledger_payout_batches',
    'ledger_payouts',
  ],
  views: ['ledger_settled_sales_v'],
} as const;
