import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import type { SignedInUser } from '#libs/identity';
import { invalid, notFound, publicPagesChanged, regencyName } from '#libs/platform';
import { SellersService, toPublicView, type PublicSellerView } from '#libs/sellers';
import { DataSource } from 'typeorm';
import type { CreateFeaturedDto } from './curation.dto.js';
import { CuratorScope } from './curator-scope.service.js';
import { FeaturedSeller } from './featured-seller.entity.js';

export interface FeaturedView {
  id: string;
  collection: string | null;
  note: string | null;
  startsAt: Date;
  endsAt: Date;
  seller: PublicSellerView;
}

export interface FeaturedCollection {
  /** null: featured outside any named collection. */
  name: string | null;
  items: FeaturedView[];
}

export interface ManagedFeatured {
  id: string;
  collection: string | null;
  note: string | null;
  startsAt: Date;
  endsAt: Date;
  active: boolean;
  seller: { id: string; slug: string; name: string; regency: string; regencyName: string; suspended: boolean };
}

/** Featured sellers and named collections with a time window; the home page shows the active ones. */
@Injectable()
export class FeaturedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: CuratorScope,
    private readonly sellers: SellersService,
    private readonly audit: AuditLog,
  ) {}

  async create(user: SignedInUser, dto: CreateFeaturedDto): Promise<{ id: string }> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (!(endsAt > startsAt)) throw invalid('endsAt', 'must be after startsAt');
    await this.scope.assertSeller(user, dto.sellerId);
    const regency = await this.scope.sellerRegency(dto.sellerId);
    return this.dataSource.transaction(async (manager) => {
      const featured = await manager.save(manager.create(FeaturedSeller, { sellerId: dto.sellerId, collection: dto.collection || null, startsAt, endsAt, note: dto.note || null, createdBy: user.id }));
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'featured.create',
        subjectType: 'featured_seller',
        subjectId: featured.id,
        reason: featured.note,
        data: { sellerId: dto.sellerId, collection: featured.collection, startsAt, endsAt },
        regency,
      });
      // The home page shows the featured: its stored copies go at commit.
      await publicPagesChanged(manager);
      return { id: featured.id };
    });
  }

  /** 404 unknown, 403 when the featured seller is outside the curator's scope. */
  async remove(user: SignedInUser, id: string): Promise<void> {
    const featured = await this.dataSource.manager.findOneBy(FeaturedSeller, { id });
    if (!featured) throw notFound('Featured seller');
    await this.scope.assertSeller(user, featured.sellerId);
    const regency = await this.scope.sellerRegency(featured.sellerId);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(FeaturedSeller, { id });
      await publicPagesChanged(manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'featured.delete',
        subjectType: 'featured_seller',
        subjectId: id,
        data: { sellerId: featured.sellerId, collection: featured.collection, startsAt: featured.startsAt, endsAt: featured.endsAt },
        regency,
      });
    });
  }

  /** Current and upcoming features in the curator's scope (ended ones drop off), soonest first. */
  async managed(user: SignedInUser): Promise<ManagedFeatured[]> {
    const regency = this.scope.regencyOf(user);
    const rows: Array<Omit<ManagedFeatured, 'seller'> & { sellerId: string; slug: string; name: string; regency: string; suspendedAt: Date | null }> = await this.dataSource.query(
      `SELECT f.id, f.collection, f.note, f.starts_at AS "startsAt", f.ends_at AS "endsAt", f.starts_at <= now() AS active,
              s.id AS "sellerId", s.slug, s.name, s.regency, s.suspended_at AS "suspendedAt"
       FROM featured_sellers f JOIN sellers_public_v s ON s.id = f.seller_id
       WHERE f.ends_at > now() AND ($1::text IS NULL OR s.regency = $1)
       ORDER BY f.starts_at, f.collection NULLS LAST, s.name, f.id LIMIT 500`,
      [regency],
    );
    return rows.map((r) => ({
      id: r.id,
      collection: r.collection,
      note: r.note,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      active: r.active,
      seller: { id: r.sellerId, slug: r.slug, name: r.name, regency: r.regency, regencyName: regencyName(r.regency), suspended: !!r.suspendedAt },
    }));
  }

  /** Featured now: inside the window and the seller not suspended; one entry per seller and collection. */
  async active(now = new Date()): Promise<{ items: FeaturedView[]; collections: FeaturedCollection[] }> {
    const rows: FeaturedSeller[] = await this.dataSource.query(
      `SELECT DISTINCT ON (f.collection, f.seller_id) f.id, f.seller_id AS "sellerId", f.collection, f.note, f.starts_at AS "startsAt", f.ends_at AS "endsAt"
       FROM featured_sellers f JOIN sellers_public_v s ON s.id = f.seller_id
       WHERE f.starts_at <= $1 AND f.ends_at > $1 AND s.suspended_at IS NULL
       ORDER BY f.collection, f.seller_id, f.starts_at DESC`,
      [now],
    );
    const sellerIds = [...new Set(rows.map((r) => r.sellerId))];
    const [sellers, verifications] = await Promise.all([this.sellers.findByIds(sellerIds), this.sellers.verifications(sellerIds)]);
    const byId = new Map(sellers.map((s) => [s.id, s]));
    const items = rows
      .map((r) => ({ id: r.id, collection: r.collection, note: r.note, startsAt: r.startsAt, endsAt: r.endsAt, seller: toPublicView(byId.get(r.sellerId)!, verifications.get(r.sellerId)!) }))
      .sort((a, b) => (a.collection ?? '\uffff').localeCompare(b.collection ?? '\uffff') || a.seller.name.localeCompare(b.seller.name));
    const collections: FeaturedCollection[] = [];
    for (const item of items) {
      const last = collections.at(-1);
      if (last && last.name === item.collection) last.items.push(item);
      else collections.push({ name: item.collection, items: [item] });
    }
    return { items, collections };
  }
}
