import './messages.js';
export { LedgerModule } from './ledger.module.js';
export { LedgerHttpModule } from './ledger-http.module.js';
export {
  LedgerService,
  ENTRY_TYPES,
  type EntryType,
  type PostingLine,
  type PostingInput,
  type ComputedPostingInput,
  type PostingContext,
  type LedgerTransaction,
  type OwnerBalances,
  type StatementLine,
  type TrialBalance,
} from './ledger.service.js';
export {
  SettlementPostings,
  SettlementKeys,
  SETTLEMENT_METHODS,
  type SettlementMethod,
  type PaymentConfirmed,
  type OrderCompleted,
  type OrderRefunded,
  type PayoutMoved,
} from './settlement-postings.service.js';
export { FeeSchedule, type CommissionSchedule, type CooperativeFee } from './fee-schedule.service.js';
export {
  ownerAccount,
  sellerAccount,
  cooperativeAccount,
  platformAccount,
  parseAccount,
  OWNER_KINDS,
  PLATFORM_KINDS,
  type Account,
  type AccountKind,
  type Owner,
  type OwnerKind,
  type OwnerType,
  type PlatformKind,
} from './accounts.js';
export { splitPayment, refundShares, FEE_UNIT, BPS, MAX_COMMISSION_BPS, MAX_COOPERATIVE_FEE_BPS, type Shares, type PaymentSplit } from './settlement-rules.js';
export { PayoutsService, PAYOUT_STATUSES, type PayoutStatus, type PayoutView, type BatchView, type RunResult } from './payouts.service.js';
export { PayoutAccounts, type PayoutAccountView, type PayoutAccountInput } from './payout-accounts.service.js';
export { PAYOUT_GATEWAY, ManualCsvPayoutGateway, type PayoutGateway, type PayoutToSend } from './payout-gateway.js';
export { payoutBlockers, weeklyRunKey, type PayoutBlocker } from './payout-rules.js';
export { BANKS, BANK_CODES, type BankCode } from './banks.js';
