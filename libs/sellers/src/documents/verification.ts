import type { DocumentStatus, DocumentType } from './seller-document.entity.js';

export const FORMALISATION_LEVELS = ['informal', 'nib', 'permits', 'export'] as const;
export type FormalisationLevel = (typeof FORMALISATION_LEVELS)[number];

/** Product permits and certificates (domain/export-documents.md), beyond NIB and NPWP. */
const PERMITS: readonly DocumentType[] = ['SPP_IRT', 'PIRT', 'BPOM_MD', 'BPOM_NA', 'HALAL', 'SNI', 'SVLK'];

export interface Verification {
  level: FormalisationLevel;
  /** Approved, unexpired document types, in a stable order. */
  badges: DocumentType[];
}

/** Today as `YYYY-MM-DD` in Bali (UTC+8), the day documents expire on. */
export function baliToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A document past its expiry date is expired whatever was decided (rejections stay rejected). */
export function effectiveStatus(doc: { status: DocumentStatus; expiresAt: string | null }, today = baliToday()): DocumentStatus {
  if (doc.status !== 'rejected' && doc.expiresAt && doc.expiresAt < today) return 'expired';
  return doc.status;
}

/**
 * The formalisation ladder informal → nib → permits → export: NIB is the first step out of
 * informality; NIB plus NPWP or a product permit is "permits"; NIB, NPWP and a product permit
 * together are what customs registration and buyers abroad ask for ("export").
 */
export function verificationOf(docs: ReadonlyArray<{ type: DocumentType; status: DocumentStatus; expiresAt: string | null }>, today = baliToday()): Verification {
  const approved = new Set(docs.filter((d) => effectiveStatus(d, today) === 'approved').map((d) => d.type));
  const badges = (['NIB', 'NPWP', ...PERMITS] as DocumentType[]).filter((type) => approved.has(type));
  const permit = PERMITS.some((type) => approved.has(type));
  const level: FormalisationLevel = !approved.has('NIB') ? 'informal' : approved.has('NPWP') && permit ? 'export' : approved.has('NPWP') || permit ? 'permits' : 'nib';
  return { level, badges };
}
