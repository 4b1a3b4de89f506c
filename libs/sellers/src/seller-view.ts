import { regencyName, type Text } from '#libs/platform';
import type { Cooperative } from './cooperatives/cooperative.entity.js';
import type { Seller, ShipFrom } from './seller.entity.js';
import type { Verification } from './documents/verification.js';

export interface PublicSellerView {
  id: string;
  slug: string;
  name: string;
  regency: string;
  regencyName: string;
  district: string | null;
  story: Text | null;
  whatsapp: string | null;
  /** https://wa.me/<digits>, or null without a number. */
  whatsappUrl: string | null;
  businessForm: string;
  cooperative: { id: string; name: string } | null;
  logoImageId: string | null;
  bannerImageId: string | null;
  verification: Verification;
  createdAt: Date;
}

/** What the seller's managers (and curators) see besides the public fields. */
export interface ManagedSellerView extends PublicSellerView {
  ownerId: string;
  cooperativeId: string | null;
  suspended: { at: Date; reason: string | null } | null;
  shipFrom: ShipFrom | null;
}

export function whatsappUrl(number: string | null): string | null {
  return number ? `https://wa.me/${number.replace(/\D/g, '')}` : null;
}

/** Public fields only: never the owner, documents' numbers or suspension details. */
export function toPublicView(seller: Seller, verification: Verification, cooperative: Pick<Cooperative, 'id' | 'name'> | null = seller.cooperative ?? null): PublicSellerView {
  return {
    id: seller.id,
    slug: seller.slug,
    name: seller.name,
    regency: seller.regency,
    regencyName: regencyName(seller.regency),
    district: seller.district,
    story: seller.story,
    whatsapp: seller.whatsapp,
    whatsappUrl: whatsappUrl(seller.whatsapp),
    businessForm: seller.businessForm,
    cooperative: cooperative ? { id: cooperative.id, name: cooperative.name } : null,
    logoImageId: seller.logoImageId,
    bannerImageId: seller.bannerImageId,
    verification,
    createdAt: seller.createdAt,
  };
}

export function toManagedView(seller: Seller, verification: Verification): ManagedSellerView {
  return {
    ...toPublicView(seller, verification),
    ownerId: seller.ownerId,
    cooperativeId: seller.cooperativeId,
    suspended: seller.suspendedAt ? { at: seller.suspendedAt, reason: seller.suspendedReason } : null,
    shipFrom: seller.shipFrom,
  };
}
