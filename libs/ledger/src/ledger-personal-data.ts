import { Injectable, type OnModuleInit } from '@nestjs/common';
import { hasRole, PersonalDataSections, type SignedInUser } from '#libs/identity';
import { formatMoney } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import type { Owner } from './accounts.js';
import { LedgerService } from './ledger.service.js';
import { PayoutAccounts } from './payout-accounts.service.js';

/**
 * The ledger's part of a person's data (UU PDP): the payout bank accounts of the sellers (and the
 * cooperative) they run. Money still held, available, on its way or owed for one of those blocks
 * closing the account: someone must be there to be paid or to pay it back.
 */
@Injectable()
export class LedgerPersonalData implements OnModuleInit {
  constructor(
    private readonly sections: PersonalDataSections,
    private readonly access: SellerAccess,
    private readonly ledger: LedgerService,
    private readonly accounts: PayoutAccounts,
  ) {}

  onModuleInit(): void {
    this.sections.register({ name: 'payoutAccounts', export: (user) => this.export(user), blockers: (_manager, user) => this.blockers(user) });
  }

  private async owners(user: SignedInUser): Promise<Owner[]> {
    const sellers = (await this.access.managedBy(user)).map((id): Owner => ({ type: 'seller', id }));
    return hasRole(user, 'coop_admin') && user.cooperativeId ? [...sellers, { type: 'cooperative', id: user.cooperativeId }] : sellers;
  }

  private async export(user: SignedInUser) {
    const accounts = await Promise.all((await this.owners(user)).map(async (owner) => ({ owner, account: await this.accounts.account(owner) })));
    return accounts.filter((a) => a.account);
  }

  private async blockers(user: SignedInUser): Promise<string[]> {
    const open: string[] = [];
    for (const owner of await this.owners(user)) {
      const balances = await this.ledger.balances(owner.type, owner.id);
      const parts = (['held', 'available', 'inTransit', 'owed'] as const).filter((kind) => balances[kind].amount !== 0);
      if (parts.length) open.push(`${owner.type} ${owner.id} has an unpaid balance (${parts.map((kind) => `${kind} ${formatMoney(balances[kind])}`).join(', ')})`);
    }
    return open;
  }
}
