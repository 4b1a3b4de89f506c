import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { hasRole, UsersService, type SignedInUser } from '#libs/identity';
import { APP_CONFIG, forbidden, invalid, JobQueue, money, notFound, NotifyJob, type AppConfig, type Money } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import type { Owner } from './accounts.js';
import { BANK_CODES } from './banks.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerService } from './ledger.service.js';
import { ACCOUNT_CHANGE_HOLD_MS, last4, payoutBlockers, type PayoutBlocker } from './payout-rules.js';

export interface PayoutAccountView {
  bankCode: string;
  accountNumberLast4: string;
  accountHolderName: string;
  status: 'unverified' | 'verified' | 'mismatch';
  payoutsHeldUntil?: string;
}

export interface PayoutAccountInput {
  bankCode: string;
  accountNumber: string;
  accountHolderName: string;
}

interface AccountRow {
  bank_code: string;
  account_number: string;
  account_holder_name: string;
  status: PayoutAccountView['status'];
  payouts_held_until: Date | null;
  updated_by: string | null;
}

const HOLDER = /^[\p{L}\p{M}][\p{L}\p{M} .,'-]{0,99}$/u;

/**
 * Where sellers' and cooperatives' payouts go: the payout account (bank, number, holder; a change
 * holds payouts 3 days), who may set it, what stops a payout now, and who answers for the money
 * (a verified email) and hears about it. PayoutsService runs and settles the payouts themselves.
 */
@Injectable()
export class PayoutAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly sellers: SellersService,
    private readonly users: UsersService,
    private readonly fees: FeeSchedule,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** PAYOUT_MINIMUM_IDR in minor units. */
  get minimum(): number {
    return this.config.payoutMinimumIdr * 100;
  }

  /** Sets a seller's payout account: its owner only (404 unknown seller, 403 anyone else, coop_admins and admins included). */
  async assertSellerOwner(user: SignedInUser, sellerId: string): Promise<void> {
    const owner = (await this.sellers.owners([sellerId])).get(sellerId);
    if (!owner) throw notFound('Seller');
    if (owner !== user.id) throw forbidden("Only the seller's owner sets its payout account");
  }

  /** Sets a cooperative's payout account: its coop_admin only. */
  async assertCooperativeAdmin(user: SignedInUser, cooperativeId: string): Promise<void> {
    await this.fees.assertCooperativeManager(user, cooperativeId); // 404 unknown, 403 not its coop_admin nor admin
    if (!hasRole(user, 'coop_admin') || user.cooperativeId?.toLowerCase() !== cooperativeId.toLowerCase()) throw forbidden("Only the cooperative's coop_admin sets its payout account");
  }

  // ---- payout accounts ---------------------------------------------------------------------

  async account(owner: Owner): Promise<PayoutAccountView | null> {
    const [row]: AccountRow[] = await this.dataSource.query(`SELECT * FROM ledger_payout_accounts WHERE owner_type = $1 AND owner_id = $2`, [owner.type, owner.id]);
    return row ? accountView(row) : null;
  }

  /** What stops a payout to this owner now (payout-rules.ts); empty: the next run pays it. */
  async blockers(owner: Owner): Promise<{ blockers: PayoutBlocker[]; available: number; minimum: Money }> {
    const [row]: AccountRow[] = await this.dataSource.query(`SELECT payouts_held_until FROM ledger_payout_accounts WHERE owner_type = $1 AND owner_id = $2`, [owner.type, owner.id]);
    const available = (await this.ledger.balances(owner.type, owner.id)).available.amount;
    const verified = (await this.verifiedOwners(this.dataSource.manager, [owner])).has(owner.id);
    return {
      blockers: payoutBlockers(row ? { payoutsHeldUntil: row.payouts_held_until } : null, available, this.minimum, verified),
      available,
      minimum: money(this.minimum),
    };
  }

  /**
   * Sets the account (the caller checked who may). A change from a previous account holds payouts
   * for 3 days; the first account does not. Either way the owner is notified. Same details: nothing changes.
   */
  async setAccount(user: SignedInUser, owner: Owner, input: PayoutAccountInput): Promise<PayoutAccountView> {
    const bankCode = typeof input.bankCode === 'string' ? input.bankCode.trim().toUpperCase() : '';
    if (!BANK_CODES.includes(bankCode)) throw invalid('bankCode', `must be one of ${BANK_CODES.join(', ')}`);
    const accountNumber = typeof input.accountNumber === 'string' ? input.accountNumber.replace(/[\s-]/g, '') : '';
    if (!/^[0-9]{5,20}$/.test(accountNumber)) throw invalid('accountNumber', 'must be 5 to 20 digits');
    const holder = typeof input.accountHolderName === 'string' ? input.accountHolderName.trim().replace(/\s+/g, ' ') : '';
    if (!HOLDER.test(holder)) throw invalid('accountHolderName', "must be the account holder's name as the bank has it: letters, spaces and . , ' - (at most 100)");

    return this.dataSource.transaction(async (manager) => {
      const [previous]: AccountRow[] = await manager.query(`SELECT * FROM ledger_payout_accounts WHERE owner_type = $1 AND owner_id = $2 FOR UPDATE`, [owner.type, owner.id]);
      if (previous && previous.bank_code === bankCode && previous.account_number === accountNumber && previous.account_holder_name === holder) return accountView(previous);
      const heldUntil = previous ? new Date(Date.now() + ACCOUNT_CHANGE_HOLD_MS) : null;
      const [row]: AccountRow[] = await manager.query(
        `INSERT INTO ledger_payout_accounts (owner_type, owner_id, bank_code, account_number, account_holder_name, status, payouts_held_until, updated_by)
         VALUES ($1, $2, $3, $4, $5, 'unverified', $6, $7)
         ON CONFLICT (owner_type, owner_id) DO UPDATE SET bank_code = $3, account_number = $4, account_holder_name = $5, status = 'unverified',
           payouts_held_until = $6, updated_by = $7, updated_at = now()
         RETURNING *`,
        [owner.type, owner.id, bankCode, accountNumber, holder, heldUntil, user.id],
      );
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'ledger.payout_account',
        subjectType: owner.type,
        subjectId: owner.id,
        regency: null,
        data: {
          bankCode,
          accountNumberLast4: last4(accountNumber),
          previous: previous
            ? {
                bankCode: previous.bank_code,
                accountNumberLast4: last4(previous.account_number),
              }
            : null,
        },
      });
      const kind = previous ? 'payout.account_changed' : 'payout.account_set';
      for (const userId of await this.recipients(manager, owner, user.id)) {
        await this.jobs.enqueue(
          NotifyJob,
          {
            userId,
            kind,
            params: {
              [owner.type === 'seller' ? 'sellerId' : 'cooperativeId']: owner.id,
              bankCode,
              accountNumberLast4: last4(accountNumber),
              asSeller: owner.type === 'seller',
            },
          },
          { manager },
        );
      }
      return accountView(row!);
    });
  }

  /**
   * The owners (ids) whose money answers to a verified email (payout-rules.ts): a seller's owner, a
   * cooperative's coop_admin who set its payout account. One read per kind, whatever the number.
   */
  async verifiedOwners(manager: EntityManager, owners: Owner[]): Promise<Set<string>> {
    const sellerIds = owners.filter((o) => o.type === 'seller').map((o) => o.id);
    const cooperativeIds = owners.filter((o) => o.type === 'cooperative').map((o) => o.id);
    const sellerOwners = sellerIds.length ? await this.sellers.owners(sellerIds, manager) : new Map<string, string>();
    const setBy: Array<{ owner_id: string; updated_by: string | null }> = cooperativeIds.length
      ? await manager.query(`SELECT owner_id, updated_by FROM ledger_payout_accounts WHERE owner_type = 'cooperative' AND owner_id = ANY($1::uuid[])`, [cooperativeIds])
      : [];
    const people = new Map<string, string>([...sellerOwners, ...setBy.filter((r) => r.updated_by).map((r) => [r.owner_id, r.updated_by!] as [string, string])]);
    const verified = await this.users.verified([...people.values()], manager);
    return new Set([...people].filter(([, userId]) => verified.has(userId)).map(([ownerId]) => ownerId));
  }

  /** Who hears about an owner's payouts: a seller's owner; for a cooperative, the coop_admin who set its account (and the acting one). */
  async recipients(manager: EntityManager, owner: Owner, actingUserId: string | null): Promise<string[]> {
    if (owner.type === 'seller') {
      const ownerId = (await this.sellers.owners([owner.id], manager)).get(owner.id);
      return ownerId ? [ownerId] : [];
    }
    const [row] = await manager.query(`SELECT updated_by FROM ledger_payout_accounts WHERE owner_type = 'cooperative' AND owner_id = $1`, [owner.id]);
    return [...new Set([row?.updated_by, actingUserId].filter((id): id is string => typeof id === 'string'))];
  }
}

function accountView(row: AccountRow): PayoutAccountView {
  const held = row.payouts_held_until && row.payouts_held_until > new Date() ? row.payouts_held_until : null;
  return {
    bankCode: row.bank_code,
    accountNumberLast4: last4(row.account_number),
    accountHolderName: row.account_holder_name,
    status: row.status,
    ...(held ? { payoutsHeldUntil: held.toISOString() } : {}),
  };
}
