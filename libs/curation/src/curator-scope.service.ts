import { Injectable } from '@nestjs/common';
import { hasRole, type SignedInUser } from '#libs/identity';
import { forbidden, invalid, isRegency, REGENCY_SLUGS } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';

/**
 * The one place every curation route and page asks "may this curator act here?".
 * Sellers are checked by SellerAccess (provincial curator: all; regency curator: that
 * regency; 404 unknown, 403 outside); regency figures and logs by the curator's regency.
 */
@Injectable()
export class CuratorScope {
  constructor(
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
  ) {}

  assertSeller(user: SignedInUser, sellerId: string): Promise<void> {
    return this.access.assertCuratorScope(user, sellerId);
  }

  /** A seller's regency (null when unknown), for the audit entry of an act on it. */
  async sellerRegency(sellerId: string): Promise<string | null> {
    return (await this.sellers.findById(sellerId))?.regency ?? null;
  }

  /** The ids among `sellerIds` this curator may act on. */
  sellersInScope(user: SignedInUser, sellerIds: readonly string[]): Promise<Set<string>> {
    return this.access.inCuratorScope(user, sellerIds);
  }

  /** The curator's own regency, or null for a provincial curator or an admin (everywhere). */
  regencyOf(user: SignedInUser): string | null {
    return hasRole(user, 'admin') ? null : user.regency;
  }

  /**
   * The regencies a report covers: the one asked for (422 if not a regency, 403 outside
   * the curator's scope), else the curator's own, else all of Bali.
   */
  regencies(user: SignedInUser, requested: string | undefined): string[] {
    if (requested !== undefined && requested !== '' && !isRegency(requested)) throw invalid('regency', `must be one of ${REGENCY_SLUGS.join(', ')}`);
    const own = this.regencyOf(user);
    if (own && requested && requested !== own) throw forbidden('Your curator scope is another regency');
    return requested ? [requested] : own ? [own] : [...REGENCY_SLUGS];
  }
}
