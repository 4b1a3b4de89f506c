/**
 * The tables sellers owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: ['cooperatives', 'sellers', 'seller_documents', 'cooperative_invitations'],
  views: ['sellers_public_v', 'sellers_documents_v', 'sellers_cooperatives_v'],
} as const;
