import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInUser } from '#libs/identity';
import { MediaService } from '#libs/catalogue';
import { DomainEvents, notFound } from '#libs/platform';
import { SellerAccess, SellersService, type Seller } from '#libs/sellers';
import { defaultStorefront } from './default-storefront.js';
import { StorefrontDataRepository } from './storefront-data.repository.js';
import { StorefrontValidator } from './storefront-validator.js';
import { StorefrontVersion } from './storefront-version.entity.js';
import { Storefront } from './storefront.entity.js';
import { StorefrontPublished } from './storefronts.events.js';
import { ThemeRegistry } from './theme-registry.js';
import type { StorefrontDocument } from './theme-schema.js';

export interface StorefrontState {
  draft: StorefrontDocument;
  published: StorefrontDocument | null;
  publishedVersion: number | null;
}

/** Versions kept per seller: publishing or rolling back deletes older ones (never the live one). */
export const VERSIONS_KEPT = 50;

export interface VersionSummary {
  version: number;
  theme: string;
  publishedAt: Date;
  publishedBy: string | null;
  restoredFrom: number | null;
  live: boolean;
}

/** Drafts, publishing and rollback; every route here is for the seller's managers. */
@Injectable()
export class StorefrontsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly media: MediaService,
    private readonly data: StorefrontDataRepository,
    private readonly themes: ThemeRegistry,
    private readonly events: DomainEvents,
  ) {}

  async state(user: SignedInUser | undefined, sellerId: string): Promise<StorefrontState> {
    const seller = await this.managed(user, sellerId);
    const row = await this.db.getRepository(Storefront).findOneBy({ sellerId });
    const published = row?.publishedVersion ? await this.version(sellerId, row.publishedVersion) : null;
    return { draft: row?.draft ?? defaultStorefront(seller), published: published?.document ?? null, publishedVersion: row?.publishedVersion ?? null };
  }

  /** Validates against the theme and the seller's own media and products, then saves the draft. */
  async saveDraft(user: SignedInUser | undefined, sellerId: string, input: unknown): Promise<StorefrontState> {
    await this.managed(user, sellerId);
    const draft = await this.validate(sellerId, input);
    await this.db.query(
      `INSERT INTO storefronts (seller_id, draft) VALUES ($1, $2)
       ON CONFLICT (seller_id) DO UPDATE SET draft = EXCLUDED.draft, updated_at = now()`,
      [sellerId, JSON.stringify(draft)],
    );
    return this.state(user, sellerId);
  }

  validate(sellerId: string, input: unknown): Promise<StorefrontDocument> {
    return new StorefrontValidator(this.themes.schemas()).validate(input, {
      media: (ids) => this.media.ownedBy(sellerId, ids),
      products: (ids) => this.data.ownedProducts(sellerId, ids),
      categories: (slugs) => this.data.existingCategories(slugs),
    });
  }

  /** Freezes the draft (the default one if never saved) as the next version and makes it live. */
  async publish(user: SignedInUser | undefined, sellerId: string): Promise<{ version: number }> {
    const seller = await this.managed(user, sellerId);
    return this.db.transaction(async (manager) => {
      const row = await this.lockedRow(manager, seller);
      return { version: await this.addVersion(manager, sellerId, row.draft, user?.id ?? null, null) };
    });
  }

  /** Saves `document` as the draft and publishes it in one go (demo data, imports); no access check. */
  async publishDocument(seller: Seller, document: StorefrontDocument, by: string | null): Promise<{ version: number }> {
    const valid = await this.validate(seller.id, document);
    return this.db.transaction(async (manager) => {
      await this.lockedRow(manager, seller);
      await manager.query(`UPDATE storefronts SET draft = $2, updated_at = now() WHERE seller_id = $1`, [seller.id, JSON.stringify(valid)]);
      return { version: await this.addVersion(manager, seller.id, valid, by, null) };
    });
  }

  /** Republishes an old version as a new one, and makes it the draft again; 404 once that version is no longer kept. */
  async rollback(user: SignedInUser | undefined, sellerId: string, version: number): Promise<{ version: number }> {
    const seller = await this.managed(user, sellerId);
    return this.db.transaction(async (manager) => {
      await this.lockedRow(manager, seller);
      // Read under the lock: a concurrent publish may just have pruned it.
      const [old] = await manager.query(`SELECT document FROM storefront_versions WHERE seller_id = $1 AND version = $2`, [sellerId, version]);
      if (!old) throw notFound(`Storefront version ${version}`);
      await manager.query(`UPDATE storefronts SET draft = $2, updated_at = now() WHERE seller_id = $1`, [sellerId, JSON.stringify(old.document)]);
      return { version: await this.addVersion(manager, sellerId, old.document, user?.id ?? null, version) };
    });
  }

  /** The kept versions, newest first, without their documents (the theme is read in SQL). */
  async versions(user: SignedInUser | undefined, sellerId: string): Promise<VersionSummary[]> {
    await this.managed(user, sellerId);
    const rows: Array<{ version: number; theme: string; created_at: Date; published_by: string | null; restored_from: number | null; live: boolean }> = await this.db.query(
      `SELECT v.version, v.document->>'theme' AS theme, v.created_at, v.published_by, v.restored_from, v.version IS NOT DISTINCT FROM s.published_version AS live
       FROM storefront_versions v LEFT JOIN storefronts s ON s.seller_id = v.seller_id
       WHERE v.seller_id = $1 ORDER BY v.version DESC`,
      [sellerId],
    );
    return rows.map((v) => ({ version: v.version, theme: v.theme, publishedAt: v.created_at, publishedBy: v.published_by, restoredFrom: v.restored_from, live: v.live }));
  }

  /** The live document of a seller, for rendering. */
  version(sellerId: string, version: number): Promise<StorefrontVersion | null> {
    return this.db.getRepository(StorefrontVersion).findOneBy({ sellerId, version });
  }

  /** The draft, for previews (the default one when never saved). */
  async draftOf(seller: Seller): Promise<StorefrontDocument> {
    const row = await this.db.getRepository(Storefront).findOneBy({ sellerId: seller.id });
    return row?.draft ?? defaultStorefront(seller);
  }

  async canManage(user: SignedInUser | undefined, sellerId: string): Promise<boolean> {
    return (await this.access.manageable(user, [sellerId])).has(sellerId);
  }

  private async managed(user: SignedInUser | undefined, sellerId: string): Promise<Seller> {
    await this.access.assertCanManage(user, sellerId);
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    return seller;
  }

  /** The storefront row under a lock, so two publishes never take the same version number. */
  private async lockedRow(manager: EntityManager, seller: Seller): Promise<Storefront> {
    await manager.query(`INSERT INTO storefronts (seller_id, draft) VALUES ($1, $2) ON CONFLICT (seller_id) DO NOTHING`, [seller.id, JSON.stringify(defaultStorefront(seller))]);
    const row = await manager.getRepository(Storefront).findOne({ where: { sellerId: seller.id }, lock: { mode: 'pessimistic_write' } });
    return row!;
  }

  private async addVersion(manager: EntityManager, sellerId: string, document: StorefrontDocument, by: string | null, restoredFrom: number | null): Promise<number> {
    const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM storefront_versions WHERE seller_id = $1`, [sellerId]);
    await manager.query(`INSERT INTO storefront_versions (seller_id, version, document, published_by, restored_from) VALUES ($1, $2, $3, $4, $5)`, [
      sellerId,
      next,
      JSON.stringify(document),
      by,
      restoredFrom,
    ]);
    await manager.query(`UPDATE storefronts SET published_version = $2, updated_at = now() WHERE seller_id = $1`, [sellerId, next]);
    // Numbers grow by one under the row lock, so the newest VERSIONS_KEPT are those above next - VERSIONS_KEPT; the live one stays whatever its number.
    await manager.query(
      `DELETE FROM storefront_versions v USING storefronts s
       WHERE v.seller_id = $1 AND s.seller_id = $1 AND v.version <= $2 AND v.version IS DISTINCT FROM s.published_version`,
      [sellerId, next - VERSIONS_KEPT],
    );
    await this.events.record(manager, StorefrontPublished, { sellerId, version: next });
    return next;
  }
}
