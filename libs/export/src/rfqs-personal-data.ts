import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASED, PersonalDataSections, type SignedInUser } from '#libs/identity';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Export's part of a person's data (UU PDP): the requests for quotation they sent and the quotes
 * they got. At closure their RFQs stay (sellers' response statistics count them) with the
 * buyer's message erased, and those still waiting are closed: nobody is left to accept a quote.
 */
@Injectable()
export class RfqsPersonalData implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
  ) {}

  onModuleInit(): void {
    this.sections.register({ name: 'rfqs', export: (user) => this.export(user), erase: (manager, user) => this.erase(manager, user) });
  }

  private export(user: SignedInUser): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT r.id, r.seller_id AS "sellerId", r.product_id AS "productId", r.quantity, r.destination_country AS "destinationCountry",
              r.incoterm, r.message, r.target_unit_price_amount AS "targetUnitPriceAmount", r.target_unit_price_currency AS "targetUnitPriceCurrency",
              r.status, r.created_at AS "createdAt",
              coalesce((SELECT jsonb_agg(jsonb_build_object('id', q.id, 'unitPriceAmount', q.unit_price_amount, 'unitPriceCurrency', q.unit_price_currency,
                'leadTimeDays', q.lead_time_days, 'validUntil', q.valid_until, 'incoterm', q.incoterm, 'notes', q.notes, 'status', q.status,
                'orderId', q.order_id) ORDER BY q.created_at) FROM quotes q WHERE q.rfq_id = r.id), '[]') AS quotes
       FROM rfqs r WHERE r.buyer_id = $1 ORDER BY r.created_at DESC`,
      [user.id],
    );
  }

  private async erase(manager: EntityManager, user: SignedInUser): Promise<void> {
    await manager.query(`UPDATE rfqs SET message = $2, status = CASE WHEN status IN ('open', 'quoted') THEN 'closed' ELSE status END, updated_at = now() WHERE buyer_id = $1`, [user.id, ERASED]);
  }
}
