import { Problem, t, type FieldError, type Lang } from '#libs/platform';

/** The flat fields of the seller profile form, as typed. */
export interface SellerFormValues {
  name: string;
  slug: string;
  regency: string;
  district: string;
  storyId: string;
  storyEn: string;
  whatsapp: string;
  businessForm: string;
  /** The ship-from address (the edit form only), as `shipFrom_<key>` fields. */
  shipFrom?: Record<ShipFromKey, string>;
}

export const SHIP_FROM_KEYS = ['line1', 'district', 'city', 'postalCode', 'phone'] as const;
type ShipFromKey = (typeof SHIP_FROM_KEYS)[number];

const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function sellerFormValues(body: Record<string, unknown> | undefined): SellerFormValues {
  const b = body ?? {};
  return {
    name: str(b.name).trim(),
    slug: str(b.slug).trim(),
    regency: str(b.regency),
    district: str(b.district).trim(),
    storyId: str(b.storyId).trim(),
    storyEn: str(b.storyEn).trim(),
    whatsapp: str(b.whatsapp).trim(),
    businessForm: str(b.businessForm),
    shipFrom: Object.fromEntries(SHIP_FROM_KEYS.map((key) => [key, str(b[`shipFrom_${key}`]).trim()])) as Record<ShipFromKey, string>,
  };
}

/**
 * The API body for these values: on create, empty optional fields are left out; on edit they
 * clear the value (null), except the slug, which an empty field keeps, and the regency, which the
 * edit form shows read-only (a curator moves a seller) and so does not send.
 */
export function sellerFormDto(v: SellerFormValues, mode: 'create' | 'edit'): Record<string, unknown> {
  const cleared = mode === 'edit' ? null : undefined;
  const story = v.storyId || v.storyEn ? { id: v.storyId, ...(v.storyEn ? { en: v.storyEn } : {}) } : cleared;
  const dto: Record<string, unknown> = {
    name: v.name,
    regency: v.regency || undefined,
    businessForm: v.businessForm,
    slug: v.slug || undefined,
    district: v.district || cleared,
    story,
    whatsapp: v.whatsapp || cleared,
    // All empty clears the address; a partly filled one is validated, naming the missing field.
    shipFrom: mode === 'edit' && v.shipFrom ? (Object.values(v.shipFrom).some(Boolean) ? { ...v.shipFrom, district: v.shipFrom.district || undefined } : null) : undefined,
  };
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
}

/** 422 and 409 problems as `{ formField: message }` in the page's language; anything else is rethrown. */
export function formErrors(error: unknown, lang: Lang): Record<string, string> {
  if (!(error instanceof Problem) || ![409, 422].includes(error.getStatus())) throw error;
  const errors = ((error.getResponse() as { errors?: FieldError[] }).errors ?? []) as FieldError[];
  const out: Record<string, string> = {};
  for (const e of errors) {
    const field = e.field === 'story.id' ? 'storyId' : e.field === 'story.en' ? 'storyEn' : e.field.replace('shipFrom.', 'shipFrom_');
    const key = error.getStatus() === 409 ? `sellers.error.${field}.taken` : `sellers.error.${field}`;
    const translated = t(key, lang);
    out[field] ??= translated === key ? e.message : translated;
  }
  if (Object.keys(out).length === 0) out.form = (error.getResponse() as { detail?: string }).detail ?? '';
  return out;
}
