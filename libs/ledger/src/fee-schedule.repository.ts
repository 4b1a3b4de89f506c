import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** The row of `ledger_commission_rates` that holds the default rate. */
export const DEFAULT_RATE = '*';

/** The fee schedule's SQL: commission rates (default and per category) and cooperatives' member fees. */
@Injectable()
export class FeeScheduleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** slug → bps, with the default under '*'. */
  async commissionRates(manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows: Array<{ slug: string; bps: number }> = await manager.query(`SELECT category_slug AS slug, bps FROM ledger_commission_rates`);
    return new Map(rows.map((row) => [row.slug, row.bps]));
  }

  /** Sets the default; with `categories`, replaces every category rate by these. */
  async replaceCommissionRates(manager: EntityManager, defaultBps: number, categories: Record<string, number> | undefined, userId: string): Promise<void> {
    await manager.query(
      `INSERT INTO ledger_commission_rates (category_slug, bps, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (category_slug) DO UPDATE SET bps = EXCLUDED.bps, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [DEFAULT_RATE, defaultBps, userId],
    );
    if (!categories) return;
    const slugs = Object.keys(categories);
    await manager.query(`DELETE FROM ledger_commission_rates WHERE category_slug <> $1 AND NOT (category_slug = ANY($2::text[]))`, [DEFAULT_RATE, slugs]);
    if (slugs.length === 0) return;
    await manager.query(
      `INSERT INTO ledger_commission_rates (category_slug, bps, updated_by)
       SELECT n.slug, n.bps, $3 FROM unnest($1::text[], $2::int[]) AS n(slug, bps)
       ON CONFLICT (category_slug) DO UPDATE SET bps = EXCLUDED.bps, updated_by = EXCLUDED.updated_by, updated_at = now()
       WHERE ledger_commission_rates.bps IS DISTINCT FROM EXCLUDED.bps`,
      [slugs, slugs.map((slug) => categories[slug]), userId],
    );
  }

  /** The cooperative's member fee in basis points (0 when it never set one). */
  async cooperativeFee(cooperativeId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows: Array<{ bps: number }> = await manager.query(`SELECT bps FROM ledger_cooperative_fees WHERE cooperative_id = $1`, [cooperativeId]);
    return rows[0]?.bps ?? 0;
  }

  async setCooperativeFee(manager: EntityManager, cooperativeId: string, bps: number, userId: string): Promise<number | null> {
    const [previous]: Array<{ bps: number }> = await manager.query(`SELECT bps FROM ledger_cooperative_fees WHERE cooperative_id = $1 FOR UPDATE`, [cooperativeId]);
    await manager.query(
      `INSERT INTO ledger_cooperative_fees (cooperative_id, bps, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (cooperative_id) DO UPDATE SET bps = EXCLUDED.bps, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [cooperativeId, bps, userId],
    );
    return previous?.bps ?? null;
  }
}
