/**
 * The tables disputes owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 * `disputes_photos_v` (dispute_id, media_id): the buyer's photos a dispute keeps (reviews' cleanup of
 * unused uploads reads it).
 */
export const OWNED = { tables: ['disputes', 'dispute_messages'], views: ['disputes_photos_v'] } as const;
