import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hasRole, type SignedInUser } from '#libs/identity';
import { conflict, forbidden, notFound } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one place that answers "may this user act on these sellers?", in bulk so lists
 * need one query. Managers: the owner, the coop_admin of the seller's cooperative, admins.
 * Curator scope: a provincial curator (no regency) sees all; a regency curator that regency.
 */
@Injectable()
export class SellerAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The ids among `sellerIds` this user may manage (unknown ids are left out). Inside a transaction,
   * pass its manager (as for every method here that takes one): a second pooled connection could deadlock.
   */
  async manageable(user: SignedInUser | undefined, sellerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!user || sellerIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM sellers
       WHERE id = ANY($1::uuid[]) AND ($2 OR owner_id = $3 OR ($4::uuid IS NOT NULL AND cooperative_id = $4::uuid))`,
      [this.uuids(sellerIds), hasRole(user, 'admin'), user.id, hasRole(user, 'coop_admin') ? user.cooperativeId : null],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Every seller this user manages as owner or as coop_admin of its cooperative (an admin's platform-wide power aside). */
  async managedBy(user: SignedInUser | undefined): Promise<string[]> {
    if (!user) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM sellers WHERE owner_id = $1 OR ($2::uuid IS NOT NULL AND cooperative_id = $2::uuid)`, [
      user.id,
      hasRole(user, 'coop_admin') ? user.cooperativeId : null,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * The ids among `sellerIds` this user runs themselves (owner, or the coop_admin of its
   * cooperative; an admin's platform-wide power does not count): nobody buys from these.
   */
  async runBy(user: SignedInUser | undefined, sellerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!user || sellerIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM sellers WHERE id = ANY($1::uuid[]) AND (owner_id = $2 OR ($3::uuid IS NOT NULL AND cooperative_id = $3::uuid))`, [
      this.uuids(sellerIds),
      user.id,
      hasRole(user, 'coop_admin') ? user.cooperativeId : null,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * 409 when the user runs one of these sellers: a purchase from oneself would fake sales, reviews
   * and reputation.
   */
  async assertNotOwnSeller(user: SignedInUser | undefined, sellerIds: readonly string[], field: string, manager?: EntityManager): Promise<void> {
    if ((await this.runBy(user, sellerIds, manager)).size === 0) return;
    throw conflict('You manage this seller, so you cannot buy from it', {
      errors: [{ field, message: 'is sold by a seller you manage' }],
    });
  }

  /** The ids among `sellerIds` inside this curator's scope (admins: all). */
  async inCuratorScope(user: SignedInUser | undefined, sellerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!user || sellerIds.length === 0 || !hasRole(user, 'curator', 'admin')) return new Set();
    const everywhere = hasRole(user, 'admin') || !user.regency;
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM sellers WHERE id = ANY($1::uuid[]) AND ($2 OR regency = $3)`, [this.uuids(sellerIds), everywhere, user.regency]);
    return new Set(rows.map((r) => r.id));
  }

  /** 404 for an unknown seller, 403 when the user may not manage it. */
  async assertCanManage(user: SignedInUser | undefined, sellerId: string): Promise<void> {
    if ((await this.manageable(user, [sellerId])).has(sellerId)) return;
    await this.assertExists(sellerId);
    throw forbidden('You do not manage this seller');
  }

  /** 404 for an unknown seller, 403 outside the curator's scope. */
  async assertCuratorScope(user: SignedInUser | undefined, sellerId: string): Promise<void> {
    if ((await this.inCuratorScope(user, [sellerId])).has(sellerId)) return;
    await this.assertExists(sellerId);
    throw forbidden('This seller is outside your curation scope');
  }

  private async assertExists(sellerId: string): Promise<void> {
    const [row] = this.uuids([sellerId]).length ? await this.dataSource.query(`SELECT 1 FROM sellers WHERE id = $1`, [sellerId]) : [];
    if (!row) throw notFound('Seller');
  }

  /** Non-UUID strings can never name a seller; dropping them keeps PostgreSQL from failing the cast. */
  private uuids(ids: readonly string[]): string[] {
    return ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  }
}
