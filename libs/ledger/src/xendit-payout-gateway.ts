import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, xenditClient, XenditSdkError, type AppConfig, type Xendit } from '#libs/platform';
import { BANKS } from './banks.js';
import type { PayoutGateway, PayoutToSend, SentBatch } from './payout-gateway.js';

/**
 * Payouts through Xendit (`POST /v2/payouts`), when XENDIT_SECRET_KEY is set: one request per
 * payout, its id as the idempotency key and reference, so a retried batch never pays twice. The
 * outcome arrives at the payout callback (XenditPayouts). A payout Xendit refuses outright (a 4xx:
 * a bad account, say) fails at once; an outage throws, and the job sends the batch again.
 */
@Injectable()
export class XenditPayoutGateway implements PayoutGateway {
  readonly kind = 'xendit' as const;
  private readonly client: Xendit;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = xenditClient(config)!;
  }

  async send(batchId: string, payouts: readonly PayoutToSend[]): Promise<SentBatch> {
    const failed: NonNullable<SentBatch['failed']> = [];
    for (const payout of payouts) {
      const channelCode = BANKS.find((b) => b.code === payout.bankCode)?.xenditChannel;
      if (!channelCode) {
        failed.push({ id: payout.id, reason: `Xendit has no payout channel for bank ${payout.bankCode}` });
        continue;
      }
      try {
        await this.client.Payout.createPayout({
          idempotencyKey: payout.id,
          data: {
            referenceId: payout.id,
            channelCode,
            channelProperties: { accountNumber: payout.accountNumber, accountHolderName: payout.accountHolderName },
            amount: Math.floor(payout.amount / 100),
            currency: 'IDR',
            description: `Pasar Kerthi payout ${payout.id.slice(0, 8)} (batch ${batchId.slice(0, 8)})`,
          },
        });
      } catch (error) {
        if (!(error instanceof XenditSdkError) || Number(error.status) >= 500 || Number(error.status) === 429) throw error;
        failed.push({ id: payout.id, reason: `Xendit refused the payout: ${error.errorCode ?? error.status} ${error.errorMessage ?? ''}`.trim().slice(0, 300) });
      }
    }
    return { failed };
  }
}
