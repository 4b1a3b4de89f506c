/** A URL slug from a business name: "Pérak Celuk Ketut!" → "perak-celuk-ketut" (3–50 chars). */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return base.length >= 3 ? base : `toko-${base || 'bali'}`;
}
