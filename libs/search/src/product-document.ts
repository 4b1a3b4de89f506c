/** The search document of one product (one per product; variants contribute SKUs and the "from" price). */
export interface ProductDocument {
  id: string;
  sellerId: string;
  sellerName: string;
  sellerSlug: string;
  regency: string;
  titleId: string;
  titleEn: string | null;
  descriptionId: string;
  descriptionEn: string | null;
  /** The product's category first, then its ancestors (filter on a parent finds its children's products). */
  categories: string[];
  /** Names of those categories in both languages (searchable). */
  categoryNames: string[];
  materials: string[];
  technique: string | null;
  originVillage: string | null;
  /** Approved document types of the seller (NIB, HALAL, …). */
  certifications: string[];
  exportReady: boolean;
  /** Lowest price of the product and its variants, IDR minor units. */
  price: number;
  status: 'active';
  skus: string[];
  hsCode: string | null;
  image: string | null;
  createdAt: number;
  /** The seller's reputation score 0..1 (reviews' `seller_reputation_scores`; 0 without a row): the last ranking rule, a tie-breaker only. */
  reputation: number;
  /** Latest change (epoch ms) of anything the document is built from; reconcile compares it with the database. */
  version: number;
}

/** Filterable fields, and the API facet name of each facet. */
export const FACETS = { category: 'categories', regency: 'regency', material: 'materials', certification: 'certifications', exportReady: 'exportReady' } as const;
export type FacetName = keyof typeof FACETS;
