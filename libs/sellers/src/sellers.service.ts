import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import { hasRole, type SignedInUser } from '#libs/identity';
import { conflict, DomainEvents, forbidden, invalid, notFound, paged, publicPagesChanged, type Paged, type Text } from '#libs/platform';
import { DataSource, In, IsNull, Not, Repository, type EntityManager } from 'typeorm';
import { Cooperative } from './cooperatives/cooperative.entity.js';
import { SellerAccess } from './seller-access.service.js';
import { SellerDocument } from './documents/seller-document.entity.js';
import { toManagedView, toPublicView, type ManagedSellerView, type PublicSellerView } from './seller-view.js';
import { Seller } from './seller.entity.js';
import type { CreateSellerDto, SellerListQuery, UpdateSellerDto } from './sellers.dto.js';
import { SellerChanged } from './sellers.events.js';
import { slugify } from './slug.js';
import { verificationOf, type Verification } from './documents/verification.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records `SellerChanged` for these sellers in the caller's transaction (search and storefronts follow). */
export function sellerChanged(events: DomainEvents, manager: EntityManager, sellerIds: string | readonly string[]): Promise<void> {
  return events.record(
    manager,
    SellerChanged,
    (typeof sellerIds === 'string' ? [sellerIds] : sellerIds).map((sellerId) => ({ sellerId })),
  );
}

/** Bilingual text without an empty English side. */
function storyOf(story: { id: string; en?: string }): Text {
  return { id: story.id, ...(story.en ? { en: story.en } : {}) };
}

@Injectable()
export class SellersService {
  constructor(
    @InjectRepository(Seller) private readonly sellers: Repository<Seller>,
    @InjectRepository(SellerDocument) private readonly documents: Repository<SellerDocument>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly events: DomainEvents,
    private readonly audit: AuditLog,
  ) {}

  findById(id: string): Promise<Seller | null> {
    return UUID.test(id) ? this.sellers.findOne({ where: { id }, relations: { cooperative: true } }) : Promise.resolve(null);
  }

  findBySlug(slug: string): Promise<Seller | null> {
    return this.sellers.findOne({ where: { slug: slug.toLowerCase() }, relations: { cooperative: true } });
  }

  findByIdOrSlug(idOrSlug: string): Promise<Seller | null> {
    return UUID.test(idOrSlug) ? this.findById(idOrSlug) : this.findBySlug(idOrSlug);
  }

  /** Sellers by id, with their cooperative, suspended ones too (unknown ids are left out; one query). */
  async findByIds(ids: readonly string[]): Promise<Seller[]> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    return valid.length ? this.sellers.find({ where: { id: In(valid) }, relations: { cooperative: true } }) : [];
  }

  /**
   * sellerId → the user who owns it (unknown ids are left out; one query). Inside a transaction,
   * pass its manager (a second pooled connection per transaction could exhaust the pool).
   */
  async owners(sellerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const valid = [...new Set(sellerIds)].filter((id) => UUID.test(id));
    const rows = valid.length ? await manager.find(Seller, { where: { id: In(valid) }, select: { id: true, ownerId: true } }) : [];
    return new Map(rows.map((s) => [s.id, s.ownerId]));
  }

  /** The ids among `sellerIds` that are suspended, read in the caller's transaction when given one. */
  async suspended(sellerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const valid = [...new Set(sellerIds)].filter((id) => UUID.test(id));
    const rows = valid.length ? await manager.find(Seller, { where: { id: In(valid), suspendedAt: Not(IsNull()) }, select: { id: true } }) : [];
    return new Set(rows.map((s) => s.id));
  }

  /** The seller row locked for update in the caller's transaction (null when unknown), for a decision taken on its current state. */
  findForUpdate(manager: EntityManager, sellerId: string): Promise<Seller | null> {
    return UUID.test(sellerId) ? manager.findOne(Seller, { where: { id: sellerId }, lock: { mode: 'pessimistic_write' } }) : Promise.resolve(null);
  }

  /** Formalisation level and badges of each seller, from its documents (one query). */
  async verifications(sellerIds: readonly string[]): Promise<Map<string, Verification>> {
    const docs = sellerIds.length ? await this.documents.find({ where: { sellerId: In([...sellerIds]) }, select: { sellerId: true, type: true, status: true, expiresAt: true } }) : [];
    return new Map(sellerIds.map((id) => [id, verificationOf(docs.filter((d) => d.sellerId === id))]));
  }

  /**
   * One seller for whoever asks: managers, curators in scope and admins get the managed view
   * (suspended sellers included); everyone else the public view, and 404 for a suspended seller.
   */
  async view(idOrSlug: string, user?: SignedInUser): Promise<PublicSellerView | ManagedSellerView> {
    const seller = await this.findByIdOrSlug(idOrSlug);
    if (!seller) throw notFound('Seller');
    const verification = (await this.verifications([seller.id])).get(seller.id)!;
    if (await this.isInsider(user, seller.id)) return toManagedView(seller, verification);
    if (seller.suspendedAt) throw notFound('Seller');
    return toPublicView(seller, verification);
  }

  /** Public list of sellers not suspended, by name. */
  async list(query: SellerListQuery): Promise<Paged<PublicSellerView>> {
    const [rows, total] = await this.sellers.findAndCount({
      where: { suspendedAt: IsNull(), ...(query.regency ? { regency: query.regency } : {}) },
      relations: { cooperative: true },
      order: { name: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    const verifications = await this.verifications(rows.map((s) => s.id));
    return paged(
      rows.map((s) => toPublicView(s, verifications.get(s.id)!)),
      total,
      query,
    );
  }

  /** How many sellers not suspended each regency has (the seller directory's filter). */
  async countByRegency(): Promise<Map<string, number>> {
    const rows: Array<{ regency: string; count: number }> = await this.sellers
      .createQueryBuilder('s')
      .select('s.regency', 'regency')
      .addSelect('count(*)::int', 'count')
      .where('s.suspended_at IS NULL')
      .groupBy('s.regency')
      .getRawMany();
    return new Map(rows.map((r) => [r.regency, r.count]));
  }

  /** The sellers a user owns, and those of the cooperative they administer. */
  async mine(user: SignedInUser): Promise<ManagedSellerView[]> {
    const coop = hasRole(user, 'coop_admin') ? user.cooperativeId : null;
    const rows = await this.sellers.find({
      where: [{ ownerId: user.id }, ...(coop ? [{ cooperativeId: coop }] : [])],
      relations: { cooperative: true },
      order: { name: 'ASC', id: 'ASC' },
    });
    const verifications = await this.verifications(rows.map((s) => s.id));
    return rows.map((s) => toManagedView(s, verifications.get(s.id)!));
  }

  /** The sellers of a cooperative, public view (suspended ones left out). */
  async members(cooperativeId: string, query: { page: number; perPage: number }): Promise<Paged<PublicSellerView>> {
    const [rows, total] = await this.sellers.findAndCount({
      where: { cooperativeId, suspendedAt: IsNull() },
      relations: { cooperative: true },
      order: { name: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    const verifications = await this.verifications(rows.map((s) => s.id));
    return paged(
      rows.map((s) => toPublicView(s, verifications.get(s.id)!)),
      total,
      query,
    );
  }

  async create(user: SignedInUser, dto: CreateSellerDto): Promise<ManagedSellerView> {
    const cooperativeId = await this.cooperativeForNewSeller(user, dto.cooperativeId ?? null);
    const id = await this.dataSource.transaction(async (manager) => {
      const slug = dto.slug ?? (await this.freeSlug(manager, slugify(dto.name)));
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO sellers (owner_id, cooperative_id, slug, name, regency, district, story, whatsapp, business_form)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [user.id, cooperativeId, slug, dto.name, dto.regency, dto.district || null, dto.story ? JSON.stringify(storyOf(dto.story)) : null, dto.whatsapp ?? null, dto.businessForm],
      );
      if (!rows[0]) throw conflict('This address is taken', { errors: [{ field: 'slug', message: 'is already taken' }] });
      // The seller directory lists it: its stored copies go at commit.
      await publicPagesChanged(manager);
      if (cooperativeId) {
        await this.audit.record(manager, { actorId: user.id, action: 'cooperative.join', subjectType: 'seller', subjectId: rows[0].id, regency: dto.regency, data: { cooperativeId, via: 'create' } });
      }
      return rows[0].id;
    });
    return this.managedView(id);
  }

  async update(user: SignedInUser, id: string, dto: UpdateSellerDto): Promise<ManagedSellerView> {
    await this.access.assertCanManage(user, id);
    const seller = (await this.findById(id))!;
    // Moving a seller moves it between regency curators' scopes: only a curator does it (setRegency).
    if (dto.regency !== undefined && dto.regency !== seller.regency) throw invalid('regency', 'is changed only by a Dinas curator; ask the Dinas Koperasi dan UKM to move this seller');
    const changes: Partial<Seller> = {};
    for (const key of ['name', 'slug', 'businessForm'] as const) if (dto[key] !== undefined) Object.assign(changes, { [key]: dto[key] });
    if (dto.district !== undefined) changes.district = dto.district || null;
    if (dto.story !== undefined) changes.story = dto.story ? storyOf(dto.story) : null;
    if (dto.whatsapp !== undefined) changes.whatsapp = dto.whatsapp;
    if (dto.shipFrom !== undefined) changes.shipFrom = dto.shipFrom ? { ...dto.shipFrom } : null;
    for (const key of ['logoImageId', 'bannerImageId'] as const) {
      const mediaId = dto[key];
      if (mediaId === undefined) continue;
      if (mediaId !== null && !(await this.ownsMedia(id, mediaId))) throw invalid(key, 'must be an image uploaded for this seller');
      changes[key] = mediaId;
    }
    await this.dataSource.transaction(async (manager) => {
      if (changes.slug && changes.slug !== seller.slug && (await manager.exists(Seller, { where: { slug: changes.slug } }))) {
        throw conflict('This address is taken', { errors: [{ field: 'slug', message: 'is already taken' }] });
      }
      if (Object.keys(changes).length) {
        await manager.update(Seller, { id }, changes);
        await sellerChanged(this.events, manager, id);
      }
    });
    return this.managedView(id);
  }

  /**
   * Suspends (with a reason) or reinstates (null) a seller; curation calls this inside its
   * own transaction, next to its audit entry. Search drops or restores the seller's products.
   */
  async setSuspension(manager: EntityManager, sellerId: string, reason: string | null): Promise<void> {
    const result = await manager.update(Seller, { id: sellerId }, reason === null ? { suspendedAt: null, suspendedReason: null } : { suspendedAt: new Date(), suspendedReason: reason });
    if (!result.affected) throw notFound('Seller');
    await sellerChanged(this.events, manager, sellerId);
  }

  /**
   * A curator moves a seller to another regency (curation calls this inside its own transaction,
   * next to its audit entry): 404 unknown, 403 outside the curator's scope. Search re-indexes the
   * seller's products. Returns the regency it had (equal to `regency` when nothing changed).
   */
  async setRegency(manager: EntityManager, curator: SignedInUser, sellerId: string, regency: string): Promise<{ previous: string }> {
    const seller = await manager.findOne(Seller, { where: { id: sellerId }, lock: { mode: 'pessimistic_write' } });
    if (!seller) throw notFound('Seller');
    if (!(await this.access.inCuratorScope(curator, [sellerId], manager)).has(sellerId)) throw forbidden('This seller is outside your curation scope');
    if (seller.regency !== regency) {
      await manager.update(Seller, { id: sellerId }, { regency });
      await sellerChanged(this.events, manager, sellerId);
    }
    return { previous: seller.regency };
  }

  async managedView(id: string): Promise<ManagedSellerView> {
    const seller = await this.findById(id);
    if (!seller) throw notFound('Seller');
    return toManagedView(seller, (await this.verifications([id])).get(id)!);
  }

  /** Managers, curators in scope and admins see suspended sellers and private fields. */
  async isInsider(user: SignedInUser | undefined, sellerId: string): Promise<boolean> {
    if (!user) return false;
    return (await this.access.manageable(user, [sellerId])).has(sellerId) || (await this.access.inCuratorScope(user, [sellerId])).has(sellerId);
  }

  /** A coop_admin's sellers belong to their cooperative; an artisan may name one to join. */
  private async cooperativeForNewSeller(user: SignedInUser, requested: string | null): Promise<string | null> {
    const own = hasRole(user, 'coop_admin') ? user.cooperativeId : null;
    if (own) {
      if (requested && requested !== own) throw invalid('cooperativeId', 'must be the cooperative you administer');
      return own;
    }
    if (requested && !(await this.dataSource.manager.exists(Cooperative, { where: { id: requested } }))) throw invalid('cooperativeId', 'is not a known cooperative');
    return requested;
  }

  /** The image must be one of this seller's uploads: catalogue (a lib above this one) declares the view catalogue_media_v for it. */
  private async ownsMedia(sellerId: string, mediaId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM catalogue_media_v WHERE id = $1 AND seller_id = $2`, [mediaId, sellerId]);
    return rows.length > 0;
  }

  /** `base`, or `base-2`, `base-3`… whichever is free. */
  private async freeSlug(manager: EntityManager, base: string): Promise<string> {
    const rows: Array<{ slug: string }> = await manager.query(`SELECT slug FROM sellers WHERE slug = $1 OR slug ~ ('^' || $1 || '-[0-9]+$')`, [base]);
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
