import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASED, PersonalDataSections, type SignedInUser } from '#libs/identity';
import { DomainEvents } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ReviewChanged } from '../reviews.events.js';

/**
 * Reviews' part of a person's data (UU PDP). At closure the reviews are anonymised, not removed:
 * pages never show a review's author, so once the account is erased the rating and text say
 * nothing about who wrote them, while other shoppers and the seller's reputation keep a verified
 * purchase's rating. Their photos go (they may show the buyer or their home; the hourly cleanup
 * then deletes the unused uploads), and the reasons they gave in reports are erased.
 */
@Injectable()
export class ReviewsPersonalData implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.sections.register({ name: 'reviews', export: (user) => this.export(user), erase: (manager, user) => this.erase(manager, user) });
  }

  private async export(user: SignedInUser) {
    const [written, reports] = await Promise.all([
      this.dataSource.query(
        `SELECT r.id, r.product_id AS "productId", r.seller_id AS "sellerId", r.order_line_id AS "orderLineId", r.rating, r.text, r.language,
                r.reply_text AS "replyText", r.hidden_at AS "hiddenAt", r.created_at AS "createdAt",
                coalesce((SELECT jsonb_agg(p.media_id ORDER BY p.position) FROM review_photos p WHERE p.review_id = r.id), '[]') AS "photoIds"
         FROM reviews r WHERE r.buyer_id = $1 ORDER BY r.created_at DESC`,
        [user.id],
      ),
      this.dataSource.query(`SELECT review_id AS "reviewId", reason, created_at AS "createdAt" FROM review_reports WHERE reporter_id = $1 ORDER BY created_at DESC`, [user.id]),
    ]);
    return { written, reports };
  }

  private async erase(manager: EntityManager, user: SignedInUser): Promise<void> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [changed]: [Array<{ reviewId: string; productId: string; sellerId: string }>, number] = await manager.query(
      `UPDATE reviews r SET updated_at = now()
       WHERE r.buyer_id = $1 AND EXISTS (SELECT 1 FROM review_photos p WHERE p.review_id = r.id)
       RETURNING r.id AS "reviewId", r.product_id AS "productId", r.seller_id AS "sellerId"`,
      [user.id],
    );
    if (changed.length) {
      await manager.query(`DELETE FROM review_photos WHERE review_id = ANY($1::uuid[])`, [changed.map((r) => r.reviewId)]);
      await this.events.record(manager, ReviewChanged, changed);
    }
    await manager.query(`UPDATE review_reports SET reason = $2, updated_at = now() WHERE reporter_id = $1`, [user.id, ERASED]);
  }
}
