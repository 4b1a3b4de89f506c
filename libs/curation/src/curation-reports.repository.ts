import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RegencyCounts {
  regency: string;
  sellers: number;
  suspended: number;
  /** Sellers with an approved, unexpired NIB. */
  formalised: number;
  documentsPending: number;
  activeProducts: number;
  cooperatives: number;
  cooperativeMembers: number;
}

export interface MonthlySales {
  regency: string;
  /** `YYYY-MM`, Bali time. */
  month: string;
  orders: number;
  /** Settled sales less later refunds, in IDR minor units. */
  sales: number;
}

/**
 * Read-only reporting queries, per regency, over the public read views of sellers
 * (sellers_public_v, sellers_documents_v, sellers_cooperatives_v), catalogue
 * (catalogue_products_v) and ledger (ledger_settled_sales_v). Nothing here writes.
 */
@Injectable()
export class CurationReports {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async regencyCounts(regencies: string[]): Promise<RegencyCounts[]> {
    const rows: RegencyCounts[] = await this.dataSource.query(
      `WITH r AS (SELECT unnest($1::text[]) AS regency),
       today AS (SELECT (now() AT TIME ZONE 'Asia/Makassar')::date AS d)
       SELECT r.regency,
         (SELECT count(*)::int FROM sellers_public_v s WHERE s.regency = r.regency) AS sellers,
         (SELECT count(*)::int FROM sellers_public_v s WHERE s.regency = r.regency AND s.suspended_at IS NOT NULL) AS suspended,
         (SELECT count(DISTINCT d.seller_id)::int FROM sellers_documents_v d JOIN sellers_public_v s ON s.id = d.seller_id, today
            WHERE s.regency = r.regency AND d.type = 'NIB' AND d.status = 'approved' AND (d.expires_at IS NULL OR d.expires_at >= today.d)) AS formalised,
         (SELECT count(*)::int FROM sellers_documents_v d JOIN sellers_public_v s ON s.id = d.seller_id WHERE s.regency = r.regency AND d.status = 'pending') AS "documentsPending",
         (SELECT count(*)::int FROM catalogue_products_v p JOIN sellers_public_v s ON s.id = p.seller_id WHERE s.regency = r.regency AND p.status = 'active') AS "activeProducts",
         (SELECT count(*)::int FROM sellers_cooperatives_v c WHERE c.regency = r.regency) AS cooperatives,
         (SELECT count(*)::int FROM sellers_public_v s JOIN sellers_cooperatives_v c ON c.id = s.cooperative_id WHERE c.regency = r.regency) AS "cooperativeMembers"
       FROM r`,
      [regencies],
    );
    return rows;
  }

  /** Active products of the regencies' sellers, by regency (for the export-ready count). */
  async activeProductIds(regencies: string[]): Promise<Array<{ id: string; regency: string }>> {
    return this.dataSource.query(`SELECT p.id, s.regency FROM catalogue_products_v p JOIN sellers_public_v s ON s.id = p.seller_id WHERE s.regency = ANY($1::text[]) AND p.status = 'active'`, [
      regencies,
    ]);
  }

  /** Settled sales per regency and month since `since` (Bali time): orders whose money the ledger released, less refunds (ledger_settled_sales_v). */
  async monthlySales(regencies: string[], since: Date): Promise<MonthlySales[]> {
    const rows: Array<{ regency: string; month: string; orders: number; sales: string }> = await this.dataSource.query(
      `SELECT s.regency, to_char(l.at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM') AS month,
              count(*) FILTER (WHERE l.kind = 'settled')::int AS orders, sum(l.amount)::text AS sales
       FROM ledger_settled_sales_v l JOIN sellers_public_v s ON s.id = l.seller_id
       WHERE s.regency = ANY($1::text[]) AND l.at >= $2
       GROUP BY 1, 2`,
      [regencies, since],
    );
    return rows.map((r) => ({ ...r, sales: Number(r.sales) }));
  }

  /** Sellers a curator may feature (not suspended), by name, for the page's select. */
  async featurableSellers(regency: string | null): Promise<Array<{ id: string; name: string; regency: string }>> {
    return this.dataSource.query(`SELECT id, name, regency FROM sellers_public_v WHERE suspended_at IS NULL AND ($1::text IS NULL OR regency = $1) ORDER BY name, id LIMIT 1000`, [regency]);
  }
}
