/**
 * The tables search owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: [],
  views: [],
} as const;
