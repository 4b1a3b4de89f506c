import { Injectable } from '@nestjs/common';
import { defineJob } from '#libs/platform';
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
  /** Payouts the gateway refused outright: they fail at once (their money back to available). */
  failed?: Array<{ id: string; reason: string }>;
}

/**
 * The seam between payouts and whoever moves the money. The payouts service hands it a batch's
 * payouts and marks them `sent`; outcomes come back as `markPaid` / `markFailed` (an admin's form
 * for the manual gateway; a webhook for a gateway). Without XENDIT_SECRET_KEY the admin downloads
 * the bank bulk-transfer CSV (ManualCsvPayoutGateway); with it, XenditPayoutGateway sends each
 * payout (a job after the run, `SEND_PAYOUTS_JOB`) and Xendit's payout callback tells the outcome.
 */
export interface PayoutGateway {
  readonly kind: 'manual_csv' | 'xendit';
  send(batchId: string, payouts: readonly PayoutToSend[]): Promise<SentBatch>;
}

export const PAYOUT_GATEWAY = Symbol('PAYOUT_GATEWAY');

/** `{ batchId }`: a payout run made a batch a gateway sends by itself (not the manual bank file); sends it after the run committed. */
export const SEND_PAYOUTS_JOB = defineJob<{ batchId: string }>('ledger.payouts-send');

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
