import { invalid, type FieldError } from '#libs/platform';
import { isMarketCode } from './countries.js';

/** One document an exporter may need (shared/domain/export-documents.md). */
export interface ExportDocument {
  key: string;
  name: string;
  issuer: string;
  why: string;
}

type DocumentInfo = Omit<ExportDocument, 'why'>;

export const EXPORT_DOCUMENTS: Record<string, DocumentInfo> = {
  NIB: { key: 'NIB', name: 'Nomor Induk Berusaha (NIB)', issuer: 'OSS (Ministry of Investment)' },
  NPWP: { key: 'NPWP', name: 'Nomor Pokok Wajib Pajak (tax ID)', issuer: 'Directorate General of Taxes' },
  PEB: { key: 'PEB', name: 'Pemberitahuan Ekspor Barang (export declaration, BC 3.0)', issuer: 'Customs (DJBC)' },
  SKA: { key: 'SKA', name: 'Surat Keterangan Asal (certificate of origin)', issuer: 'Ministry of Trade (IPSKA, e-SKA)' },
  SVLK: { key: 'SVLK', name: 'SVLK timber legality (V-Legal document / FLEGT licence)', issuer: 'LVLK bodies' },
  ISPM15: { key: 'ISPM15', name: 'ISPM 15 wood packaging mark', issuer: 'Registered treatment providers' },
  PHYTO: { key: 'PHYTO', name: 'Phytosanitary certificate', issuer: 'Badan Karantina' },
  ETK: { key: 'ETK', name: 'Registered coffee exporter (ETK) and ICO certificate of origin', issuer: 'Ministry of Trade' },
  SKE: { key: 'SKE', name: 'BPOM export certificate (health / free sale certificate)', issuer: 'BPOM' },
  BPOM_NA: { key: 'BPOM_NA', name: 'BPOM cosmetic notification (NA)', issuer: 'BPOM' },
  EUDR: { key: 'EUDR', name: 'EU deforestation regulation due-diligence data', issuer: 'EU operator, with supplier geolocation data' },
  FDA_FFR: { key: 'FDA_FFR', name: 'US FDA food facility registration', issuer: 'US FDA (with a US agent)' },
};

/** EU member states: a destination of `EU` or any of these is the EU market. */
export const EU_MEMBERS = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

/** Partners of Indonesia's free-trade agreements in force, with the SKA form that claims the preference. */
const FTA_FORMS: Record<string, string> = {
  ...Object.fromEntries(['BN', 'KH', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'].map((c) => [c, 'Form D (ATIGA)'])),
  CN: 'Form E (ACFTA)',
  KR: 'Form AK (ASEAN–Korea)',
  JP: 'Form IJEPA or AJCEP',
  AU: 'Form AANZ',
  NZ: 'Form AANZ',
  IN: 'Form AI (ASEAN–India)',
};

/** HS headings (first four digits) by product family; the rules below use these. */
const TIMBER = (h: string) => h.startsWith('44') || h === '9403';
const EUDR_GOODS = (h: string) => TIMBER(h) || h === '0901' || (h >= '1801' && h <= '1806');
const PLANT_GOODS = (h: string) => h === '0901' || h === '1801' || (h >= '0904' && h <= '0910');
/** HS chapters 01–24 are food, drink and agricultural goods. */
const FOOD = (h: string) => Number(h.slice(0, 2)) >= 1 && Number(h.slice(0, 2)) <= 24;
const COSMETICS = (h: string) => (h >= '3303' && h <= '3307') || h === '3401';

export interface RequirementQuery {
  /** Digits only, 4–10. */
  hsCode: string;
  /** ISO 3166-1 alpha-2 or `EU`. */
  destination: string;
}

/** Validates and normalises `?hsCode&destination` (dots in HS codes optional). */
export function parseRequirementQuery(hsCode: unknown, destination: unknown): RequirementQuery {
  const errors: FieldError[] = [];
  const hs = typeof hsCode === 'string' ? hsCode.trim().replace(/\./g, '') : '';
  const dest = typeof destination === 'string' ? destination.trim().toUpperCase() : '';
  if (!/^\d{4,10}$/.test(hs)) errors.push({ field: 'hsCode', message: 'must be an HS code of 4 to 10 digits (dots optional, e.g. 0901.21)' });
  if (!isMarketCode(dest)) errors.push({ field: 'destination', message: 'must be an ISO 3166-1 alpha-2 country code or EU' });
  if (errors.length) throw invalid(errors[0]!.field, errors[0]!.message, errors.slice(1));
  return { hsCode: hs, destination: dest };
}

/** The documents an Indonesian exporter needs to ship goods of `hsCode` to `destination`, most basic first. */
export function exportRequirements({ hsCode, destination }: RequirementQuery): ExportDocument[] {
  const heading = hsCode.slice(0, 4);
  const toEu = destination === 'EU' || EU_MEMBERS.has(destination);
  const documents: ExportDocument[] = [];
  const add = (key: string, why: string) => documents.push({ ...EXPORT_DOCUMENTS[key]!, why });

  add('NIB', 'Every exporter needs it; it also serves as the importer/exporter ID for customs.');
  add('NPWP', 'Customs registration needs NIB and NPWP.');
  add('PEB', 'Declares commercial exports to customs before goods enter the customs area (not needed for postal parcels up to 100 kg).');
  if (TIMBER(heading)) {
    add('SVLK', 'Timber products need a legality document (V-Legal / FLEGT licence) for each export.');
    add('ISPM15', 'Wooden crates and pallets must be heat-treated or fumigated and marked.');
  }
  if (PLANT_GOODS(heading)) add('PHYTO', 'Plant products (green coffee, cocoa beans, spices, vanilla) need quarantine clearance.');
  if (heading === '0901') add('ETK', 'Coffee exporters must be registered and ship with an ICO certificate of origin.');
  if (FOOD(heading) || COSMETICS(heading)) add('SKE', 'Buyers of food and cosmetics often ask for a BPOM health or free-sale certificate.');
  if (COSMETICS(heading)) add('BPOM_NA', 'Soap, lotion and spa products need a BPOM cosmetic notification (the SKE builds on it).');
  if (toEu && EUDR_GOODS(heading)) add('EUDR', 'Coffee, cocoa and wood sold into the EU need geolocation data proving deforestation-free production after 2020-12-31.');
  if (destination === 'US' && FOOD(heading)) add('FDA_FFR', 'Food sold to the US comes from an FDA-registered facility with a US agent.');
  const form = FTA_FORMS[destination];
  if (form) add('SKA', `${form} lowers the import duty under a free-trade agreement.`);
  return documents;
}
