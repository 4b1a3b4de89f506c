import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import type { SignedInUser } from '#libs/identity';
import { SellersService, type ManagedSellerView } from '#libs/sellers';
import { DataSource } from 'typeorm';

/**
 * Moving a seller to another regency moves it between regency curators' scopes, so only a
 * curator in scope (or an admin) does it, with a reason, audit-logged.
 */
@Injectable()
export class SellerRegencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sellers: SellersService,
    private readonly audit: AuditLog,
  ) {}

  /** 404 unknown seller, 403 outside the curator's scope; the same regency changes nothing. */
  async move(user: SignedInUser, sellerId: string, regency: string, reason: string): Promise<ManagedSellerView> {
    await this.dataSource.transaction(async (manager) => {
      // Sellers checks the scope on the locked row and records `SellerChanged` in this transaction.
      const { previous } = await this.sellers.setRegency(manager, user, sellerId, regency);
      if (previous === regency) return;
      // Filed under the regency it left: the scope the act was allowed in.
      await this.audit.record(manager, { actorId: user.id, action: 'seller.regency', subjectType: 'seller', subjectId: sellerId, reason, regency: previous, data: { from: previous, to: regency } });
    });
    return this.sellers.managedView(sellerId);
  }
}
