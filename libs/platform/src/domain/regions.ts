/** Bali's eight regencies and one city (shared/domain/regions.md); the slug is the API value. */
export const REGENCIES = [
  { slug: 'denpasar', name: 'Kota Denpasar', seat: 'Denpasar' },
  { slug: 'badung', name: 'Kabupaten Badung', seat: 'Mangupura' },
  { slug: 'gianyar', name: 'Kabupaten Gianyar', seat: 'Gianyar' },
  { slug: 'tabanan', name: 'Kabupaten Tabanan', seat: 'Tabanan' },
  { slug: 'bangli', name: 'Kabupaten Bangli', seat: 'Bangli' },
  { slug: 'klungkung', name: 'Kabupaten Klungkung', seat: 'Semarapura' },
  { slug: 'karangasem', name: 'Kabupaten Karangasem', seat: 'Amlapura' },
  { slug: 'buleleng', name: 'Kabupaten Buleleng', seat: 'Singaraja' },
  { slug: 'jembrana', name: 'Kabupaten Jembrana', seat: 'Negara' },
] as const;

export type Regency = (typeof REGENCIES)[number]['slug'];
export const REGENCY_SLUGS: readonly string[] = REGENCIES.map((r) => r.slug);

export function isRegency(value: unknown): value is Regency {
  return typeof value === 'string' && REGENCY_SLUGS.includes(value);
}

export function regencyName(slug: string): string {
  return REGENCIES.find((r) => r.slug === slug)?.name ?? slug;
}
