import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { hasRole, type SignedInUser } from '#libs/identity';
import { conflict, DomainEvents, forbidden, invalid, JobQueue, notFound, type Paged } from '#libs/platform';
import { MediaService, type ImageView } from '#libs/catalogue';
import { AuditLog } from '#libs/audit';
import { SellerAccess, SellersService } from '#libs/sellers';
import { plainText } from './plain-text.js';
import { ReviewFacts, type OrderLineFacts } from './review-facts.repository.js';
import { ReviewReport } from './review-report.entity.js';
import { Review } from './review.entity.js';
import type { CreateReviewDto, ReviewDecisionDto } from './reviews.dto.js';
import { ReviewChanged } from '../reviews.events.js';
import { reputationChanged } from '../reputation/seller-reputation-scores.service.js';

export interface ReviewView {
  id: string;
  rating: number;
  text: string;
  language: string;
  reply?: { text: string; createdAt: string };
  photos?: ReviewPhotoView[];
  createdAt: string;
}

export type ReviewPhotoView = Pick<ImageView, 'url' | 'srcset' | 'width' | 'height'>;

export interface ReviewSummary {
  average: number | null;
  count: number;
}

export interface ReportedReview {
  id: string;
  productId: string;
  sellerId: string;
  rating: number;
  text: string;
  language: string;
  hidden: boolean;
  reports: number;
  reasons: string[];
}

export type ReviewPage = Paged<ReviewView> & ReviewSummary;

export function toReviewView(review: Review, photos: ReviewPhotoView[] = []): ReviewView {
  return {
    id: review.id,
    rating: review.rating,
    text: review.text,
    language: review.language,
    ...(review.replyText && review.repliedAt ? { reply: { text: review.replyText, createdAt: review.repliedAt.toISOString() } } : {}),
    ...(photos.length ? { photos } : {}),
    createdAt: review.createdAt.toISOString(),
  };
}

/** Verified reviews: written by the buyer of a completed order line, answered once by the seller, moderated by curators. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: ReviewFacts,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly audit: AuditLog,
    private readonly media: MediaService,
    private readonly jobs: JobQueue,
    private readonly events: DomainEvents,
  ) {}

  async create(user: SignedInUser, orderLineId: string, dto: CreateReviewDto): Promise<{ id: string }> {
    const text = plainText(dto.text);
    if (!text) throw invalid('text', 'must contain some text');
    const photoIds = dto.photoIds ?? [];
    if ((await this.media.uploadedBy(user.id, photoIds)).length !== photoIds.length) throw invalid('photoIds', 'must be photos you uploaded with POST /review-photos');
    return this.dataSource.transaction(async (manager) => {
      const line = await this.reviewableLine(user, orderLineId, manager);
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO reviews (order_line_id, product_id, seller_id, buyer_id, rating, text, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_line_id) DO NOTHING RETURNING id`,
        [line.orderLineId, line.productId, line.sellerId, user.id, dto.rating, text, dto.language ?? 'id'],
      );
      if (!inserted[0]) throw conflict('This order line has already been reviewed');
      if (photoIds.length) {
        const used: unknown[] = await manager.query(`SELECT 1 FROM review_photos WHERE media_id = ANY($1::uuid[])`, [photoIds]);
        if (used.length) throw invalid('photoIds', 'must be photos not already shown with another review');
        await manager.query(`INSERT INTO review_photos (review_id, media_id, position) SELECT $1, id, position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, position)`, [
          inserted[0].id,
          photoIds,
        ]);
      }
      await reputationChanged(this.jobs, manager, line.sellerId);
      await this.events.record(manager, ReviewChanged, { reviewId: inserted[0].id, productId: line.productId, sellerId: line.sellerId });
      return { id: inserted[0].id };
    });
  }

  /** The order line, when this user may review it: 404 unknown, 403 not the buyer or not completed. */
  async reviewableLine(user: SignedInUser, orderLineId: string, manager?: EntityManager): Promise<OrderLineFacts & { reviewed: boolean }> {
    const line = await this.facts.orderLine(orderLineId, manager);
    if (!line) throw notFound('Order line');
    if (line.buyerId !== user.id) throw forbidden('Only the buyer of this order line may review it');
    if (line.orderStatus !== 'completed') throw forbidden('The order must be completed before it can be reviewed');
    const reviewed = await (manager ?? this.dataSource.manager).exists(Review, { where: { orderLineId } });
    return { ...line, reviewed };
  }

  /** Visible reviews of a product, newest first, with the average and count of visible reviews. */
  async listForProduct(productId: string, query: { page: number; perPage: number }): Promise<ReviewPage> {
    if (!(await this.facts.publicProduct(productId))) throw notFound('Product');
    const [items, total] = await this.dataSource.getRepository(Review).findAndCount({
      where: { productId, hiddenAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    const [summary] = (await this.summaries([productId])).values();
    return { items: await this.views(items), total, page: query.page, perPage: query.perPage, ...summary! };
  }

  /** Visible reviews of all of a seller's products, newest first, each with its product. */
  async listForSeller(sellerId: string, query: { page: number; perPage: number }): Promise<Paged<ReviewView & { productId: string }>> {
    const [items, total] = await this.dataSource.getRepository(Review).findAndCount({
      where: { sellerId, hiddenAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    const views = await this.views(items);
    return { items: views.map((view, i) => ({ ...view, productId: items[i]!.productId })), total, page: query.page, perPage: query.perPage };
  }

  /** The newest visible reviews of a product, for its page (which checked its visibility). */
  async newest(productId: string, limit: number): Promise<ReviewView[]> {
    return this.views(await this.dataSource.getRepository(Review).find({ where: { productId, hiddenAt: IsNull() }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit }));
  }

  /** Average and count of a seller's visible reviews across all its products. */
  async sellerSummary(sellerId: string): Promise<ReviewSummary> {
    const [row]: Array<{ average: string | null; count: number }> = await this.dataSource.query(
      `SELECT avg(rating) AS average, count(*)::int AS count FROM reviews WHERE seller_id = $1 AND hidden_at IS NULL`,
      [sellerId],
    );
    return { average: row!.average === null ? null : Math.round(Number(row!.average) * 100) / 100, count: row!.count };
  }

  /** Average and count of visible reviews per product, in bulk (for product cards and storefronts). */
  async summaries(productIds: readonly string[]): Promise<Map<string, ReviewSummary>> {
    const rows: Array<{ productId: string; average: string; count: number }> = productIds.length
      ? await this.dataSource.query(
          `SELECT product_id AS "productId", avg(rating) AS average, count(*)::int AS count
           FROM reviews WHERE product_id = ANY($1::uuid[]) AND hidden_at IS NULL GROUP BY product_id`,
          [productIds],
        )
      : [];
    const found = new Map(rows.map((r) => [r.productId, { average: Math.round(Number(r.average) * 100) / 100, count: r.count }]));
    return new Map(productIds.map((id) => [id, found.get(id) ?? { average: null, count: 0 }]));
  }

  async reply(user: SignedInUser, reviewId: string, rawText: string): Promise<{ id: string; productId: string }> {
    const review = await this.find(reviewId);
    await this.access.assertCanManage(user, review.sellerId);
    const text = plainText(rawText);
    if (!text) throw invalid('text', 'must contain some text');
    // Conditional update: two replies racing each other still leave exactly one.
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Review)
        .set({ replyText: text, replyAuthorId: user.id, repliedAt: () => 'now()' })
        .where('id = :id AND reply_text IS NULL', { id: reviewId })
        .execute();
      if (!result.affected) throw conflict('This review already has a reply');
      await this.events.record(manager, ReviewChanged, { reviewId, productId: review.productId, sellerId: review.sellerId });
    });
    return { id: reviewId, productId: review.productId };
  }

  async report(user: SignedInUser, reviewId: string, reason: string): Promise<{ id: string; productId: string }> {
    const review = await this.find(reviewId);
    // Reporting twice updates the reason rather than piling up duplicates.
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO review_reports (review_id, reporter_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (review_id, reporter_id) DO UPDATE SET reason = EXCLUDED.reason, resolved_at = NULL, updated_at = now()
       RETURNING id`,
      [reviewId, user.id, plainText(reason) || reason],
    );
    return { id: row!.id, productId: review.productId };
  }

  async decide(user: SignedInUser, reviewId: string, dto: ReviewDecisionDto): Promise<ReviewView & { hidden: boolean }> {
    const review = await this.find(reviewId);
    await this.access.assertCuratorScope(user, review.sellerId);
    const regency = (await this.sellers.findById(review.sellerId))?.regency ?? null;
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const hide = dto.decision === 'hide';
      await manager.update(Review, { id: reviewId }, hide ? { hiddenAt: new Date(), hiddenReason: dto.reason, hiddenBy: user.id } : { hiddenAt: null, hiddenReason: null, hiddenBy: null });
      await manager.update(ReviewReport, { reviewId, resolvedAt: IsNull() }, { resolvedAt: new Date() });
      await this.audit.record(manager, {
        actorId: user.id,
        action: `review.${dto.decision}`,
        subjectType: 'review',
        subjectId: reviewId,
        reason: dto.reason,
        data: { sellerId: review.sellerId, productId: review.productId },
        regency,
      });
      await reputationChanged(this.jobs, manager, review.sellerId);
      await this.events.record(manager, ReviewChanged, { reviewId, productId: review.productId, sellerId: review.sellerId });
      const updated = await manager.findOneByOrFail(Review, { id: reviewId });
      return { ...(await this.views([updated]))[0]!, hidden: hide };
    });
  }

  /** Reviews with open reports in the curator's scope (a regency curator: that regency's sellers), most reported first. */
  async reported(user: SignedInUser, query: { page: number; perPage: number }): Promise<Paged<ReportedReview>> {
    const regency = hasRole(user, 'admin') ? null : user.regency;
    const rows: Array<ReportedReview & { total: number }> = await this.dataSource.query(
      `SELECT r.id, r.product_id AS "productId", r.seller_id AS "sellerId", r.rating, r.text, r.language, r.hidden_at IS NOT NULL AS hidden,
              count(rr.id)::int AS reports, array_agg(rr.reason ORDER BY rr.created_at) AS reasons, count(*) OVER ()::int AS total
       FROM reviews r JOIN review_reports rr ON rr.review_id = r.id AND rr.resolved_at IS NULL JOIN sellers_public_v s ON s.id = r.seller_id
       WHERE $1::text IS NULL OR s.regency = $1
       GROUP BY r.id ORDER BY reports DESC, min(rr.created_at), r.id LIMIT $2 OFFSET $3`,
      [regency, query.perPage, (query.page - 1) * query.perPage],
    );
    return { items: rows.map(({ total: _, ...row }) => row), total: rows[0]?.total ?? 0, page: query.page, perPage: query.perPage };
  }

  /** Reviews as shown, each with its photos in order. */
  private async views(reviews: Review[]): Promise<ReviewView[]> {
    const rows: Array<{ reviewId: string; mediaId: string }> = reviews.length
      ? await this.dataSource.query(`SELECT review_id AS "reviewId", media_id AS "mediaId" FROM review_photos WHERE review_id = ANY($1::uuid[]) ORDER BY position`, [reviews.map((r) => r.id)])
      : [];
    const images = await this.media.views(rows.map((row) => row.mediaId));
    const photos = (reviewId: string) =>
      rows.flatMap((row) => {
        const image = row.reviewId === reviewId ? images.get(row.mediaId) : undefined;
        return image ? [{ url: image.url, srcset: image.srcset, width: image.width, height: image.height }] : [];
      });
    return reviews.map((review) => toReviewView(review, photos(review.id)));
  }

  private async find(reviewId: string): Promise<Review> {
    const review = await this.dataSource.getRepository(Review).findOneBy({ id: reviewId });
    if (!review) throw notFound('Review');
    return review;
  }
}
