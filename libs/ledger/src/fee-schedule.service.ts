import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import { CategoriesService } from '#libs/catalogue';
import { hasRole, type SignedInUser } from '#libs/identity';
import { forbidden, invalid } from '#libs/platform';
import { CooperativesService } from '#libs/sellers';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_RATE, FeeScheduleRepository } from './fee-schedule.repository.js';
import { assertBps, MAX_COMMISSION_BPS, MAX_COOPERATIVE_FEE_BPS } from './settlement-rules.js';

export interface CommissionSchedule {
  defaultBps: number;
  categoryBps: Record<string, number>;
}

export interface CooperativeFee {
  cooperativeId: string;
  memberFeeBps: number;
}

/** Every category rate must name a category; a bound on their number keeps one request cheap. */
const MAX_CATEGORY_RATES = 500;
/** Platform-wide acts have no subject row of their own in the audit log. */
const PLATFORM_SUBJECT = '00000000-0000-0000-0000-000000000000';

/**
 * The fee schedule: the platform's commission (an admin sets the default and per-category rates;
 * a category without its own rate takes its nearest ancestor's, else the default) and the share
 * of its members' sales each cooperative keeps (its coop_admin or an admin sets it). The rates in
 * force when an order is paid are the ones its payment posting uses.
 */
@Injectable()
export class FeeSchedule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: FeeScheduleRepository,
    private readonly categories: CategoriesService,
    private readonly cooperatives: CooperativesService,
    private readonly audit: AuditLog,
  ) {}

  async commission(manager?: EntityManager): Promise<CommissionSchedule> {
    const rates = await this.repo.commissionRates(manager);
    const categoryBps: Record<string, number> = {};
    for (const [slug, bps] of [...rates].sort(([a], [b]) => (a < b ? -1 : 1))) if (slug !== DEFAULT_RATE) categoryBps[slug] = bps;
    return { defaultBps: rates.get(DEFAULT_RATE) ?? 0, categoryBps };
  }

  /** Sets the default rate; `categoryBps`, when given, replaces every category rate (`{}` clears them). */
  async setCommission(user: SignedInUser, input: { defaultBps: number; categoryBps?: Record<string, number> }): Promise<CommissionSchedule> {
    assertBps(input.defaultBps, 'defaultBps', MAX_COMMISSION_BPS);
    const categories = input.categoryBps;
    if (categories !== undefined) {
      if (categories === null || typeof categories !== 'object' || Array.isArray(categories)) throw invalid('categoryBps', 'must be an object of category slug → basis points');
      const slugs = Object.keys(categories);
      if (slugs.length > MAX_CATEGORY_RATES) throw invalid('categoryBps', `may name at most ${MAX_CATEGORY_RATES} categories`);
      for (const slug of slugs) {
        if (!(await this.categories.find(slug))) throw invalid(`categoryBps.${slug}`, 'is not a category');
        assertBps(categories[slug]!, `categoryBps.${slug}`, MAX_COMMISSION_BPS);
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await this.commission(manager);
      await this.repo.replaceCommissionRates(manager, input.defaultBps, categories, user.id);
      const after = await this.commission(manager);
      await this.audit.record(manager, { actorId: user.id, action: 'ledger.commission_rates', subjectType: 'platform', subjectId: PLATFORM_SUBJECT, regency: null, data: { before, after } });
      return after;
    });
  }

  /** Basis points of commission for each line, by its category (nearest configured ancestor, else the default). */
  async commissionBps(lines: ReadonlyArray<{ categorySlug: string }>, manager?: EntityManager): Promise<number[]> {
    const rates = await this.repo.commissionRates(manager);
    const fallback = rates.get(DEFAULT_RATE) ?? 0;
    return Promise.all(
      lines.map(async ({ categorySlug }) => {
        if (rates.has(categorySlug)) return rates.get(categorySlug)!;
        const path = await this.categories.ancestors(categorySlug);
        for (const ancestor of path.reverse()) if (rates.has(ancestor.slug)) return rates.get(ancestor.slug)!;
        return fallback;
      }),
    );
  }

  /** The cooperative's member fee (its coop_admin, admins; 404 unknown cooperative). */
  async cooperativeFee(user: SignedInUser, cooperativeId: string): Promise<CooperativeFee> {
    await this.assertCooperativeManager(user, cooperativeId);
    return { cooperativeId, memberFeeBps: await this.repo.cooperativeFee(cooperativeId) };
  }

  /** Read in the caller's transaction for a payment posting. */
  cooperativeFeeBps(cooperativeId: string, manager?: EntityManager): Promise<number> {
    return this.repo.cooperativeFee(cooperativeId, manager);
  }

  async setCooperativeFee(user: SignedInUser, cooperativeId: string, memberFeeBps: number): Promise<CooperativeFee> {
    const cooperative = await this.assertCooperativeManager(user, cooperativeId);
    assertBps(memberFeeBps, 'memberFeeBps', MAX_COOPERATIVE_FEE_BPS);
    await this.dataSource.transaction(async (manager) => {
      const previous = await this.repo.setCooperativeFee(manager, cooperativeId, memberFeeBps, user.id);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'ledger.cooperative_fee',
        subjectType: 'cooperative',
        subjectId: cooperativeId,
        regency: cooperative.regency,
        data: { before: previous, after: memberFeeBps },
      });
    });
    return { cooperativeId, memberFeeBps };
  }

  /** 404 for an unknown cooperative, 403 unless the user is an admin or this cooperative's coop_admin. */
  async assertCooperativeManager(user: SignedInUser, cooperativeId: string): Promise<{ regency: string }> {
    const cooperative = await this.cooperatives.view(cooperativeId);
    if (hasRole(user, 'admin') || (hasRole(user, 'coop_admin') && user.cooperativeId?.toLowerCase() === cooperativeId.toLowerCase())) return cooperative;
    throw forbidden('You do not manage this cooperative');
  }
}
