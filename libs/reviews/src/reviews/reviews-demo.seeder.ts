import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DemoSeeder } from '#libs/platform';
import { DataSource } from 'typeorm';

const DEMO_REVIEWS: Array<{ rating: number; text: string; language: 'id' | 'en'; reply?: string }> = [
  { rating: 5, text: 'Barangnya rapi sekali dan dikemas dengan aman. Terima kasih!', language: 'id', reply: 'Suksma, semoga senang memakainya!' },
  { rating: 4, text: 'Beautiful craftsmanship; shipping to Melbourne took a little longer than expected.', language: 'en', reply: 'Thank you! We now ship on the next working day.' },
  { rating: 5, text: 'Warna dan motifnya sesuai foto. Akan pesan lagi.', language: 'id' },
  { rating: 3, text: 'Good quality, but the size was smaller than I thought.', language: 'en' },
];

/** Reviews on the demo orders that commerce completed, some answered by the seller. Idempotent: one review per order line. */
@Injectable()
export class ReviewsDemoSeeder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @DemoSeeder(80)
  async seed(): Promise<void> {
    const lines: Array<{ id: string; productId: string; sellerId: string; buyerId: string; ownerId: string }> = await this.dataSource.query(
      `SELECT l.id, l.product_id AS "productId", o.seller_id AS "sellerId", o.buyer_id AS "buyerId", s.owner_id AS "ownerId"
       FROM commerce_order_lines_v l JOIN commerce_orders_v o ON o.id = l.order_id JOIN sellers_public_v s ON s.id = o.seller_id
       WHERE o.status = 'completed' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.order_line_id = l.id)
       ORDER BY o.created_at, l.id`,
    );
    for (const [i, line] of lines.entries()) {
      const review = DEMO_REVIEWS[i % DEMO_REVIEWS.length]!;
      await this.dataSource.query(
        `INSERT INTO reviews (order_line_id, product_id, seller_id, buyer_id, rating, text, language, reply_text, reply_author_id, replied_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text, CASE WHEN $8::text IS NULL THEN NULL ELSE $9::uuid END, CASE WHEN $8::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (order_line_id) DO NOTHING`,
        [line.id, line.productId, line.sellerId, line.buyerId, review.rating, review.text, review.language, review.reply ?? null, line.ownerId],
      );
    }
  }
}
