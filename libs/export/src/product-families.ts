/**
 * Product families whose exports need particular documents, told from the HS heading when
 * the seller gave one, else from the category. Kept as data so the rule is easy to change.
 */
export type ProductFamily = 'timber' | 'food' | 'cosmetics';

const FAMILY_CATEGORIES: Record<string, ProductFamily> = {
  'ukiran-kayu': 'timber',
  kopi: 'food',
  'kakao-cokelat': 'food',
  'garam-laut': 'food',
  'vanili-rempah': 'food',
  'sabun-spa': 'cosmetics',
};

export function productFamily(hsCode: string | null, categorySlug: string): ProductFamily | null {
  if (hsCode) {
    const heading = hsCode.slice(0, 4);
    const chapter = Number(hsCode.slice(0, 2));
    if (hsCode.startsWith('44') || heading === '9403') return 'timber';
    if (chapter >= 1 && chapter <= 24) return 'food';
    if ((heading >= '3303' && heading <= '3307') || heading === '3401') return 'cosmetics';
    return null;
  }
  return FAMILY_CATEGORIES[categorySlug] ?? null;
}

/**
 * Approved seller documents each family needs before its products count as export-ready:
 * every inner list is "one of these". Timber needs SVLK; food a food permit and Halal;
 * cosmetics a BPOM notification and Halal.
 */
export const FAMILY_DOCUMENTS: Record<ProductFamily, string[][]> = {
  timber: [['SVLK']],
  food: [['BPOM_MD', 'SPP_IRT', 'PIRT'], ['HALAL']],
  cosmetics: [['BPOM_NA'], ['HALAL']],
};

/** The document groups of `families` that `approved` does not yet satisfy. */
export function missingFamilyDocuments(families: Iterable<ProductFamily>, approved: ReadonlySet<string>): string[][] {
  const missing: string[][] = [];
  for (const family of new Set(families)) {
    for (const group of FAMILY_DOCUMENTS[family]) {
      if (!group.some((type) => approved.has(type)) && !missing.some((m) => m.join() === group.join())) missing.push(group);
    }
  }
  return missing;
}
