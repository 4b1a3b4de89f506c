/** The tables notifications owns (test/architecture.e2e-spec.ts checks no other lib's SQL names them). */
export const OWNED = {
  tables: ['notifications'],
  views: [],
} as const;
