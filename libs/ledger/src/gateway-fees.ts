import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GatewayFeeCharged } from '#libs/commerce';
import { OnEvent, type Money } from '#libs/platform';
import { DataSource } from 'typeorm';
import { platformAccount } from './accounts.js';
import { LedgerService } from './ledger.service.js';
import { SETTLEMENT_METHODS } from './settlement-postings.service.js';

export const gatewayFeeKey = (paymentId: string) => `payment:${paymentId.toLowerCase()}:gateway-fee`;

/**
 * A gateway's fee on a payment it collected (Xendit keeps it out of what it settles): the
 * platform bears it, out of its commission, so the gateway's clearing account holds what the
 * gateway will really pay out. Sellers' money is untouched. Once per payment (its key).
 */
@Injectable()
export class GatewayFees {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  @OnEvent(GatewayFeeCharged, { key: (e) => e.paymentId })
  async onGatewayFeeCharged(event: { paymentId: string; method: string; amount: Money }): Promise<void> {
    const { amount } = event.amount;
    if (!(SETTLEMENT_METHODS as readonly string[]).includes(event.method) || !Number.isSafeInteger(amount) || amount <= 0) return;
    await this.dataSource.transaction((manager) =>
      this.ledger.post(manager, {
        key: gatewayFeeKey(event.paymentId),
        kind: 'gateway_fee',
        description: `${event.method} fee on payment ${event.paymentId}`,
        reference: { type: 'payment', id: event.paymentId },
        metadata: { method: event.method, amount },
        entries: [
          { account: platformAccount('commission'), amount, type: 'adjustment' },
          { account: platformAccount('clearing', event.method), amount: -amount, type: 'adjustment' },
        ],
      }),
    );
  }
}
