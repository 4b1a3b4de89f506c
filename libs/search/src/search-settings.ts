import type { Settings } from 'meilisearch';

/**
 * Groups of words buyers use for the same thing in Indonesian, English and Balinese trade
 * names. Every word of a group is a synonym of every other (Meilisearch synonyms are one-way).
 */
export const SYNONYM_GROUPS: string[][] = [
  ['tenun', 'weaving', 'woven', 'tenunan', 'ikat'],
  ['ukiran', 'carving', 'carved', 'ukir'],
  ['perak', 'silver', 'sterling'],
  ['emas', 'gold'],
  ['kopi', 'coffee'],
  ['anyaman', 'basketry', 'woven basket', 'basket', 'keranjang'],
  ['kain', 'cloth', 'fabric', 'textile'],
  ['kayu', 'wood', 'wooden'],
  ['garam', 'salt'],
  ['cokelat', 'coklat', 'kakao', 'chocolate', 'cocoa'],
  ['lukisan', 'painting'],
  ['gerabah', 'keramik', 'ceramic', 'ceramics', 'pottery', 'tembikar'],
  ['sabun', 'soap'],
  ['vanili', 'vanilla'],
  ['bambu', 'bamboo'],
  ['rotan', 'rattan'],
  ['batu', 'stone'],
  ['topeng', 'mask'],
  ['perhiasan', 'jewellery', 'jewelry'],
  ['cincin', 'ring'],
  ['kalung', 'necklace'],
  ['gelang', 'bracelet'],
  ['anting', 'earrings'],
  ['tas', 'bag'],
  ['minyak', 'oil'],
  ['kelapa', 'coconut'],
  ['rempah', 'spice', 'spices'],
  ['teh', 'tea'],
  ['madu', 'honey'],
  ['batik'],
  ['songket', 'brocade'],
  ['endek', 'ikat endek'],
  ['selendang', 'scarf', 'shawl'],
  ['sarung', 'sarong'],
  ['patung', 'statue', 'sculpture'],
];

function synonyms(): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const word of group) {
      map[word] ??= new Set();
      for (const other of group) if (other !== word) map[word].add(other);
    }
  }
  return Object.fromEntries(
    Object.entries(map)
      .filter(([, set]) => set.size)
      .map(([word, set]) => [word, [...set]]),
  );
}

/** Matching products counted exactly; beyond it a total reads as "1.000.000+". */
export const MAX_COUNTED_HITS = 1_000_000;

/**
 * How deep a buyer can page: each page deeper makes Meilisearch rank every hit before it, and
 * nobody reads page 500; past this a narrower search is the answer.
 */
export const MAX_PAGED_HITS = 1000;

/** Applied to the index before any document (a settings change on a full index re-indexes everything). */
export const PRODUCT_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['titleId', 'titleEn', 'categoryNames', 'materials', 'technique', 'sellerName', 'regency', 'originVillage', 'descriptionId', 'descriptionEn', 'skus', 'hsCode'],
  filterableAttributes: ['categories', 'regency', 'materials', 'certifications', 'exportReady', 'price', 'sellerId', 'status'],
  sortableAttributes: ['price', 'createdAt'],
  // Meilisearch's default rules, then the seller's reputation: it only orders hits that every
  // relevance rule (and a buyer's chosen sort) left tied, never above relevance.
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'reputation:desc'],
  displayedAttributes: ['id', 'titleId', 'titleEn', 'sellerName', 'sellerSlug', 'regency', 'price', 'image', 'exportReady', 'version'],
  typoTolerance: {
    enabled: true,
    // "endk" should still find endek: one typo from four letters on.
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    disableOnAttributes: ['skus', 'hsCode'],
  },
  synonyms: synonyms(),
  // Totals are counted up to this many, so a buyer browsing 10,000 products is told 10,000 (the
  // default, 1,000, would say 1,000); only the first MAX_PAGED_HITS can be paged through.
  pagination: { maxTotalHits: MAX_COUNTED_HITS },
  faceting: { maxValuesPerFacet: 100 },
  // Facet values are listed, never searched: skipping that structure makes every write cheaper.
  facetSearch: false,
};
