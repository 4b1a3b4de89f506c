import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASED, PersonalDataSections, type SignedInUser } from '#libs/identity';
import { SellerAccess } from '#libs/sellers';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Disputes' part of a person's data (UU PDP). An unresolved dispute, as buyer or as a seller they
 * run, blocks closing the account: money is still being decided. Resolved ones stay as the record of
 * a refund decision, with the person's own words and photos erased.
 */
@Injectable()
export class DisputesPersonalData implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
    private readonly access: SellerAccess,
  ) {}

  onModuleInit(): void {
    this.sections.register({
      name: 'disputes',
      export: (user) => this.export(user),
      blockers: (manager, user) => this.blockers(manager, user),
      erase: (manager, user) => this.erase(manager, user),
    });
  }

  private export(user: SignedInUser): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT d.id, d.order_id AS "orderId", d.status, d.reason, d.description, d.requested, d.requested_amount AS "requestedAmount",
              d.photo_ids AS "photoIds", d.outcome, d.outcome_amount AS "outcomeAmount", d.created_at AS "createdAt",
              coalesce((SELECT jsonb_agg(jsonb_build_object('action', m.action, 'message', m.message, 'amount', m.amount, 'at', m.created_at) ORDER BY m.created_at)
                        FROM dispute_messages m WHERE m.dispute_id = d.id AND m.author_id = $1), '[]') AS "yourMessages"
       FROM disputes d WHERE d.buyer_id = $1 ORDER BY d.created_at DESC`,
      [user.id],
    );
  }

  private async blockers(manager: EntityManager, user: SignedInUser): Promise<string[]> {
    const sellerIds = await this.access.managedBy(user);
    const rows: Array<{ id: string; status: string; order_id: string }> = await manager.query(
      `SELECT id, status, order_id FROM disputes WHERE status <> 'resolved' AND (buyer_id = $1 OR seller_id = ANY($2::uuid[])) ORDER BY created_at`,
      [user.id, sellerIds],
    );
    return rows.map((d) => `dispute ${d.id} on order ${d.order_id} is ${d.status}`);
  }

  private async erase(manager: EntityManager, user: SignedInUser): Promise<void> {
    await manager.query(`UPDATE disputes SET description = $2, photo_ids = '{}', updated_at = now() WHERE buyer_id = $1`, [user.id, ERASED]);
    await manager.query(`UPDATE dispute_messages SET message = $2 WHERE author_id = $1 AND message IS NOT NULL`, [user.id, ERASED]);
  }
}
