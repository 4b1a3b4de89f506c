import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import { hasRole, type SignedInUser } from '#libs/identity';
import { conflict, DomainEvents, forbidden, JobQueue, notFound, NotifyJob, paged, type Paged } from '#libs/platform';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { CooperativeInvitation, type InvitationStatus } from './cooperative-invitation.entity.js';
import { Cooperative } from './cooperative.entity.js';
import type { ManagedSellerView } from '../seller-view.js';
import { Seller } from '../seller.entity.js';
import { sellerChanged, SellersService } from '../sellers.service.js';

export interface InvitationView {
  id: string;
  status: InvitationStatus;
  cooperativeId: string;
  cooperative: { id: string; name: string; regency: string };
  sellerId: string;
  seller: { id: string; slug: string; name: string };
  invitedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

function toInvitationView(invitation: CooperativeInvitation): InvitationView {
  const { cooperative, seller } = invitation;
  return {
    id: invitation.id,
    status: invitation.status,
    cooperativeId: invitation.cooperativeId,
    cooperative: { id: cooperative!.id, name: cooperative!.name, regency: cooperative!.regency },
    sellerId: invitation.sellerId,
    seller: { id: seller!.id, slug: seller!.slug, name: seller!.name },
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt,
    decidedAt: invitation.decidedAt,
    decidedBy: invitation.decidedBy,
  };
}

const RELATIONS = { cooperative: true, seller: true } as const;

/**
 * Membership of a cooperative is the seller owner's decision: a cooperative only invites, the
 * owner accepts, declines, joins directly or leaves. The coop_admin manages a seller (through
 * sellers.cooperative_id) only once its owner has said yes. Each decision is audit-logged in
 * its transaction. Rows are locked seller first, then invitations, whatever the path.
 */
@Injectable()
export class CooperativeMembership {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sellers: SellersService,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    private readonly events: DomainEvents,
  ) {}

  /** 404 unknown cooperative or seller, 403 unless its coop_admin or an admin, 409 a member already or invited already. */
  async invite(user: SignedInUser, cooperativeId: string, sellerId: string): Promise<InvitationView> {
    await this.assertAdministers(user, cooperativeId);
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    if (seller.cooperativeId === cooperativeId) throw conflict(`Seller ${sellerId} is already a member of this cooperative`, { errors: [{ field: 'sellerId', message: 'is already a member' }] });
    if (seller.cooperativeId)
      throw conflict(`Seller ${sellerId} belongs to another cooperative; only its owner can leave it`, { errors: [{ field: 'sellerId', message: 'is in another cooperative' }] });
    const id = await this.dataSource.transaction(async (manager) => {
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO cooperative_invitations (cooperative_id, seller_id, invited_by) VALUES ($1, $2, $3)
         ON CONFLICT (cooperative_id, seller_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
        [cooperativeId, sellerId, user.id],
      );
      if (!row) throw conflict(`Seller ${sellerId} already has a pending invitation from this cooperative`, { errors: [{ field: 'sellerId', message: 'already has a pending invitation' }] });
      await this.jobs.enqueue(NotifyJob, { userId: seller.ownerId, kind: 'cooperative.invited', params: { invitationId: row.id, cooperativeId, asSeller: true } }, { manager });
      return row.id;
    });
    return this.view(id);
  }

  /** The owner says yes: the seller joins in the same transaction (409 when meanwhile in another cooperative). */
  async accept(user: SignedInUser, invitationId: string): Promise<InvitationView> {
    await this.dataSource.transaction(async (manager) => {
      const { invitation, seller } = await this.lockPendingForOwner(manager, user, invitationId);
      if (seller.cooperativeId && seller.cooperativeId !== invitation.cooperativeId) {
        throw conflict('This seller belongs to another cooperative; leave it first', { errors: [{ field: 'sellerId', message: 'is in another cooperative' }] });
      }
      await manager.update(CooperativeInvitation, { id: invitation.id }, { status: 'accepted', decidedAt: new Date(), decidedBy: user.id });
      await this.enter(manager, user, seller, invitation.cooperativeId, { invitationId: invitation.id });
    });
    return this.view(invitationId);
  }

  async decline(user: SignedInUser, invitationId: string): Promise<InvitationView> {
    await this.dataSource.transaction(async (manager) => {
      const { invitation, seller } = await this.lockPendingForOwner(manager, user, invitationId);
      await manager.update(CooperativeInvitation, { id: invitation.id }, { status: 'declined', decidedAt: new Date(), decidedBy: user.id });
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'cooperative.decline',
        subjectType: 'seller',
        subjectId: seller.id,
        regency: seller.regency,
        data: { cooperativeId: invitation.cooperativeId, invitationId: invitation.id },
      });
    });
    return this.view(invitationId);
  }

  /** The owner joins its own seller to a cooperative without an invitation; a coop_admin must invite instead. */
  async join(user: SignedInUser, cooperativeId: string, sellerId: string): Promise<ManagedSellerView> {
    if (!(await this.dataSource.manager.exists(Cooperative, { where: { id: cooperativeId } }))) throw notFound('Cooperative');
    await this.dataSource.transaction(async (manager) => {
      const refusal = hasRole(user, 'coop_admin', 'admin')
        ? 'A cooperative cannot add a seller: send an invitation (POST /api/v1/cooperatives/:id/invitations) for the seller’s owner to accept'
        : 'Only the seller’s owner may join it to a cooperative';
      const seller = await this.lockOwnSeller(manager, user, sellerId, refusal);
      if (seller.cooperativeId === cooperativeId) return;
      if (seller.cooperativeId) throw conflict('This seller belongs to another cooperative; leave it first', { errors: [{ field: 'sellerId', message: 'is in another cooperative' }] });
      await this.enter(manager, user, seller, cooperativeId, { via: 'direct' });
    });
    return this.sellers.managedView(sellerId);
  }

  /** Only the owner takes its seller out; the cooperative's coop_admin loses access at once. */
  async leave(user: SignedInUser, sellerId: string): Promise<ManagedSellerView> {
    await this.dataSource.transaction(async (manager) => {
      const seller = await this.lockOwnSeller(manager, user, sellerId, 'Only the seller’s owner may leave its cooperative');
      if (!seller.cooperativeId) throw conflict('This seller is not in a cooperative');
      await manager.update(Seller, { id: seller.id }, { cooperativeId: null });
      await sellerChanged(this.events, manager, seller.id);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'cooperative.leave',
        subjectType: 'seller',
        subjectId: seller.id,
        regency: seller.regency,
        data: { cooperativeId: seller.cooperativeId },
      });
    });
    return this.sellers.managedView(sellerId);
  }

  /** The seller's pending invitations, for its owner (or an admin). */
  async pendingForSeller(user: SignedInUser, sellerId: string, query: { page: number; perPage: number }): Promise<Paged<InvitationView>> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    if (seller.ownerId !== user.id && !hasRole(user, 'admin')) throw forbidden('Only the seller’s owner sees its invitations');
    return this.list({ sellerId, status: 'pending' }, query);
  }

  /** A cooperative's invitations, newest first, for its coop_admin or an admin. */
  async forCooperative(user: SignedInUser, cooperativeId: string, query: { page: number; perPage: number; status?: InvitationStatus }): Promise<Paged<InvitationView>> {
    await this.assertAdministers(user, cooperativeId);
    return this.list({ cooperativeId, ...(query.status ? { status: query.status } : {}) }, query);
  }

  /** Pending invitations to every seller this user owns (their dashboard). */
  async pendingForOwner(userId: string): Promise<InvitationView[]> {
    const rows = await this.dataSource.manager.find(CooperativeInvitation, {
      where: { status: 'pending', seller: { ownerId: userId } },
      relations: RELATIONS,
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 100,
    });
    return rows.map(toInvitationView);
  }

  /** Sets the cooperative, cancels the seller's other pending invitations (moot now) and audit-logs the join. */
  private async enter(manager: EntityManager, user: SignedInUser, seller: Seller, cooperativeId: string, data: Record<string, unknown>): Promise<void> {
    await manager.update(Seller, { id: seller.id }, { cooperativeId });
    await sellerChanged(this.events, manager, seller.id);
    await manager.update(CooperativeInvitation, { sellerId: seller.id, status: 'pending' }, { status: 'cancelled', decidedAt: new Date(), decidedBy: user.id });
    await this.audit.record(manager, { actorId: user.id, action: 'cooperative.join', subjectType: 'seller', subjectId: seller.id, regency: seller.regency, data: { cooperativeId, ...data } });
  }

  private async list(where: FindOptionsWhere<CooperativeInvitation>, query: { page: number; perPage: number }): Promise<Paged<InvitationView>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(CooperativeInvitation, {
      where,
      relations: RELATIONS,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    return paged(rows.map(toInvitationView), total, query);
  }

  private async view(id: string): Promise<InvitationView> {
    return toInvitationView(await this.dataSource.manager.findOneOrFail(CooperativeInvitation, { where: { id }, relations: RELATIONS }));
  }

  private async assertAdministers(user: SignedInUser, cooperativeId: string): Promise<void> {
    if (!(await this.dataSource.manager.exists(Cooperative, { where: { id: cooperativeId } }))) throw notFound('Cooperative');
    if (!hasRole(user, 'admin') && !(hasRole(user, 'coop_admin') && user.cooperativeId === cooperativeId)) throw forbidden('Only this cooperative’s admin may do this');
  }

  /** The seller, locked, when the user owns it: 404 unknown, 403 otherwise. */
  private async lockOwnSeller(manager: EntityManager, user: SignedInUser, sellerId: string, refusal: string): Promise<Seller> {
    const seller = await manager.findOne(Seller, { where: { id: sellerId }, lock: { mode: 'pessimistic_write' } });
    if (!seller) throw notFound('Seller');
    if (seller.ownerId !== user.id) throw forbidden(refusal);
    return seller;
  }

  /**
   * The invitation and its seller, both locked, for the seller's owner only. The inviting
   * cooperative (and admins) know the invitation exists and get 403; anyone else 404.
   */
  private async lockPendingForOwner(manager: EntityManager, user: SignedInUser, invitationId: string): Promise<{ invitation: CooperativeInvitation; seller: Seller }> {
    const found = await manager.findOne(CooperativeInvitation, { where: { id: invitationId } });
    if (!found) throw notFound('Invitation');
    const seller = await manager.findOne(Seller, { where: { id: found.sellerId }, lock: { mode: 'pessimistic_write' } });
    if (!seller || seller.ownerId !== user.id) {
      if (hasRole(user, 'admin') || (hasRole(user, 'coop_admin') && user.cooperativeId === found.cooperativeId)) throw forbidden('Only the seller’s owner may accept or decline this invitation');
      throw notFound('Invitation');
    }
    const invitation = await manager.findOneOrFail(CooperativeInvitation, { where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
    if (invitation.status !== 'pending') throw conflict(`This invitation is already ${invitation.status}`);
    return { invitation, seller };
  }
}
