import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics, sharedRead } from '#libs/platform';
import { LedgerService } from './ledger.service.js';

/** Payouts by status and the trial balance for `GET /metrics` (read at scrape time; platform's registry, the ledger's tables). */
@Injectable()
export class LedgerMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const payouts = sharedRead(
      () =>
        this.dataSource.query(`SELECT status, count(*)::int AS count, coalesce(sum(amount), 0)::float8 AS amount FROM ledger_payouts GROUP BY status`) as Promise<
          Array<{ status: string; count: number; amount: number }>
        >,
    );
    this.metrics.gauge('pk_payouts', 'Payouts by status', ['status'], async () => (await payouts()).map((row) => ({ labels: { status: row.status }, value: row.count })));
    this.metrics.gauge('pk_payouts_amount_minor', 'Sum of payouts in minor units (sen) by status', ['status'], async () =>
      (await payouts()).map((row) => ({ labels: { status: row.status }, value: row.amount })),
    );
    // Debits and credits of every account sum to zero; anything else means a broken posting.
    this.metrics.gauge('pk_ledger_trial_balance_minor', 'Sum of every ledger balance in minor units: 0 when the books balance', [], async () => [
      { value: (await this.ledger.trialBalance()).total.amount },
    ]);
  }
}
