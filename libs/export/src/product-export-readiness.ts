import type { Text } from '#libs/platform';
import { missingFamilyDocuments, productFamily } from './product-families.js';
import type { ReadinessLevel } from './readiness-model.js';
import { isExportLevel } from './readiness-score.js';

export interface ProductReadinessInput {
  hsCode: string | null;
  weightGrams: number | null;
  title: Text;
  description: Text;
  categorySlug: string;
  export: { moq?: number; incoterms?: string[] } | null;
}

/**
 * The one rule for "export-ready" on a product (search's facet and badges use it): its
 * seller is ready or export-active, it has an HS code, a weight, an English title and
 * description, an MOQ and at least one Incoterm, and the seller holds the approved
 * documents its family needs (SVLK for timber, Halal and BPOM/P-IRT for food and cosmetics).
 */
export function isProductExportReady(product: ProductReadinessInput, seller: { level: ReadinessLevel; documents: ReadonlySet<string> }): boolean {
  const family = productFamily(product.hsCode, product.categorySlug);
  return (
    isExportLevel(seller.level) &&
    !!product.hsCode &&
    (product.weightGrams ?? 0) > 0 &&
    !!product.title.en?.trim() &&
    !!product.description.en?.trim() &&
    (product.export?.moq ?? 0) > 0 &&
    (product.export?.incoterms?.length ?? 0) > 0 &&
    missingFamilyDocuments(family ? [family] : [], seller.documents).length === 0
  );
}
