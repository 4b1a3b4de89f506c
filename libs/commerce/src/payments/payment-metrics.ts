import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics, sharedRead } from '#libs/platform';

/** Payments by method and status for `GET /metrics` (read at scrape time; platform's registry, commerce's table). */
@Injectable()
export class PaymentMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const rows = sharedRead(
      () =>
        this.dataSource.query(`SELECT method, status, count(*)::int AS count, coalesce(sum(amount), 0)::float8 AS amount FROM payments GROUP BY method, status`) as Promise<
          Array<{ method: string; status: string; count: number; amount: number }>
        >,
    );
    this.metrics.gauge('pk_payments', 'Payments by method and status', ['method', 'status'], async () =>
      (await rows()).map((row) => ({ labels: { method: row.method, status: row.status }, value: row.count })),
    );
    this.metrics.gauge('pk_payments_amount_minor', 'Sum of payments in minor units (sen) by method and status', ['method', 'status'], async () =>
      (await rows()).map((row) => ({ labels: { method: row.method, status: row.status }, value: row.amount })),
    );
  }
}
