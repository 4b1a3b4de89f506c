import { Injectable } from '@nestjs/common';
import { csvCell } from './payout-rules.js';

/** One payout as a bank or gateway needs it. */
export interface PayoutToSend {
  id: string;
  bankCode: string;
  accountNumber: string;
  accountHolderName: string;
  /** IDR minor units (whole rupiah: a multiple of 100). */
  amount: number;
}

export interface SentBatch {
  /** What the admin downloads and uploads to the bank's bulk transfer (manual gateway); none when a gateway took the payouts. */
  file?: { name: string; contentType: string; body: string };
}

/**
 * The seam between payouts and whoever moves the money. The payouts service hands it a batch's
 * payouts and marks them `sent`; outcomes come back as `markPaid` / `markFailed` (an admin's form
 * for the manual gateway; a webhook for a gateway). Today there is only the manual one: the admin
 * downloads the bank bulk-transfer CSV. Xendit payouts (API.md "Indonesian payment methods",
 * `POST /v2/payouts` with `Idempotency-key: <payout id>`, channel code from BANKS.xenditChannel)
 * are a later issue: another implementation chosen when XENDIT_SECRET_KEY is set.
 */
export interface PayoutGateway {
  readonly kind: 'manual_csv' | 'xendit';
  send(batchId: string, payouts: readonly PayoutToSend[]): Promise<SentBatch>;
}

export const PAYOUT_GATEWAY = Symbol('PAYOUT_GATEWAY');

/** The bank bulk-transfer file: bank code, account number, holder, amount in whole rupiah, reference (the payout id). */
@Injectable()
export class ManualCsvPayoutGateway implements PayoutGateway {
  readonly kind = 'manual_csv' as const;

  async send(batchId: string, payouts: readonly PayoutToSend[]): Promise<SentBatch> {
    const lines = ['bank_code,account_number,account_holder_name,amount_idr,reference'];
    for (const p of payouts) lines.push([p.bankCode, p.accountNumber, p.accountHolderName, Math.floor(p.amount / 100), p.id].map(csvCell).join(','));
    return { file: { name: `payouts-${batchId.slice(0, 8)}.csv`, contentType: 'text/csv; charset=utf-8', body: lines.join('\r\n') + '\r\n' } };
  }
}
