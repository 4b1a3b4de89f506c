import type { Text } from '#libs/platform';
import { missingFamilyDocuments, type ProductFamily } from './product-families.js';

/**
 * The export-readiness scoring model, as data: each item belongs to one dimension, is
 * worth `weight` points (all items add up to 100) and is done or not from facts the
 * platform knows. Change weights, thresholds or wording here; nothing else needs to move.
 * Dimensions follow shared/domain/export-documents.md (ITC SMECS, Kemendag coaching, CHROME).
 */

export const DIMENSIONS = ['legality', 'product', 'capacity', 'pricing', 'marketing', 'logistics', 'finance', 'certifications', 'commitment'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type ReadinessLevel = 'not_ready' | 'emerging' | 'ready' | 'export_active';

/**
 * Score bands after the CHROME scan's (out of 200: entry from 81, good from 121), scaled to
 * 100; `ready` also needs every item of READY_REQUIRES done.
 */
export const LEVEL_THRESHOLDS = { emerging: 41, ready: 61 } as const;
/** NIB alone is the gate: it is also the exporter ID and customs access (NPWP still weighs in the score). */
export const READY_REQUIRES = ['legality.nib'];

/** Share of active products an item about "products" needs to count as done. */
export const PRODUCT_SHARE = 0.8;

/** An RFQ unanswered for longer than this is overdue. */
export const RESPONSE_HOURS = 48;

export interface ProfileFacts {
  exportExperience: 'none' | 'indirect' | 'direct';
  targetMarkets: string[];
  productionCapacityPerMonth: number | null;
  hasExportPlan: boolean;
  exportStaff: number;
  paymentTermsAccepted: string[];
  portOfLoading: string | null;
  samplePolicy: string | null;
}

/** What the platform knows about one seller (ReadinessFacts repository gathers it). */
export interface SellerFacts {
  /** Approved, unexpired document types. */
  documents: ReadonlySet<string>;
  profile: ProfileFacts | null;
  products: {
    active: number;
    english: number;
    withImage: number;
    withHsCode: number;
    withWeight: number;
    withMoq: number;
    withTiers: number;
    withIncoterm: number;
    /** The largest MOQ among export listings (0 without one). */
    maxMoq: number;
  };
  families: ReadonlySet<ProductFamily>;
  completedOrders: number;
  /** Completed orders from accepted quotes, plus accepted quotes. */
  exportDeals: number;
  rfqs: { received: number; overdue: number; medianResponseHours: number | null };
}

export interface ReadinessItem {
  key: string;
  dimension: Dimension;
  weight: number;
  done: (facts: SellerFacts) => boolean;
  label: Text;
  howTo: Text;
}

const share = (count: number, f: SellerFacts) => f.products.active > 0 && count / f.products.active >= PRODUCT_SHARE;
const OSS = 'oss.go.id';

export const READINESS_ITEMS: ReadinessItem[] = [
  {
    key: 'legality.nib',
    dimension: 'legality',
    weight: 10,
    done: (f) => f.documents.has('NIB'),
    label: { id: 'NIB terverifikasi', en: 'Verified NIB (business ID)' },
    howTo: {
      id: `Daftarkan NIB di OSS (${OSS}), gratis, lalu unggah nomornya di Dokumen agar diverifikasi Dinas.`,
      en: `Register your NIB at OSS (${OSS}), free of charge, then add its number under Documents for the Dinas to verify.`,
    },
  },
  {
    key: 'legality.npwp',
    dimension: 'legality',
    weight: 6,
    done: (f) => f.documents.has('NPWP'),
    label: { id: 'NPWP terverifikasi', en: 'Verified NPWP (tax ID)' },
    howTo: {
      id: 'Daftarkan NPWP di kantor pajak atau pajak.go.id, lalu unggah nomornya di Dokumen.',
      en: 'Register for an NPWP at the tax office or pajak.go.id, then add its number under Documents.',
    },
  },
  {
    key: 'legality.productPermits',
    dimension: 'legality',
    weight: 4,
    done: (f) => missingFamilyDocuments(f.families, f.documents).every((group) => !group.some((t) => ['BPOM_MD', 'SPP_IRT', 'PIRT', 'BPOM_NA'].includes(t))),
    label: { id: 'Izin edar produk (P-IRT/BPOM) bila diperlukan', en: 'Product permits (P-IRT/BPOM) where needed' },
    howTo: {
      id: 'Pangan olahan perlu SPP-IRT (DPMPTSP kabupaten) atau BPOM MD; sabun dan kosmetik perlu notifikasi BPOM NA.',
      en: 'Processed food needs an SPP-IRT (regency DPMPTSP) or BPOM MD; soap and cosmetics need a BPOM NA notification.',
    },
  },
  {
    key: 'product.catalogue',
    dimension: 'product',
    weight: 4,
    done: (f) => f.products.active >= 3,
    label: { id: 'Minimal 3 produk aktif', en: 'At least 3 active products' },
    howTo: { id: 'Tambahkan dan aktifkan produk di menu Produk.', en: 'Add and publish products under Products.' },
  },
  {
    key: 'product.english',
    dimension: 'product',
    weight: 6,
    done: (f) => share(f.products.english, f),
    label: { id: 'Judul dan deskripsi berbahasa Inggris', en: 'English titles and descriptions' },
    howTo: {
      id: 'Isi judul dan deskripsi bahasa Inggris untuk sedikitnya 80% produk aktif; pembeli luar negeri membacanya.',
      en: 'Write an English title and description for at least 80% of active products; overseas buyers read them.',
    },
  },
  {
    key: 'product.photos',
    dimension: 'product',
    weight: 4,
    done: (f) => share(f.products.withImage, f),
    label: { id: 'Foto produk', en: 'Product photos' },
    howTo: { id: 'Unggah foto yang terang dan jelas untuk sedikitnya 80% produk aktif.', en: 'Upload bright, clear photos for at least 80% of active products.' },
  },
  {
    key: 'capacity.declared',
    dimension: 'capacity',
    weight: 5,
    done: (f) => (f.profile?.productionCapacityPerMonth ?? 0) > 0,
    label: { id: 'Kapasitas produksi per bulan', en: 'Monthly production capacity' },
    howTo: {
      id: 'Isi kapasitas produksi per bulan di Profil ekspor (kualitas, kuantitas, kontinuitas).',
      en: 'Fill in your monthly production capacity in the Export profile (quality, quantity, continuity).',
    },
  },
  {
    key: 'capacity.coversMoq',
    dimension: 'capacity',
    weight: 5,
    done: (f) => f.products.maxMoq > 0 && (f.profile?.productionCapacityPerMonth ?? 0) >= f.products.maxMoq,
    label: { id: 'Kapasitas mencukupi MOQ', en: 'Capacity covers your MOQ' },
    howTo: {
      id: 'Pastikan kapasitas per bulan sedikitnya sama dengan MOQ terbesar pada daftar ekspor produk Anda.',
      en: 'Make sure your monthly capacity is at least the largest MOQ in your products’ export listings.',
    },
  },
  {
    key: 'pricing.moq',
    dimension: 'pricing',
    weight: 5,
    done: (f) => f.products.withMoq > 0,
    label: { id: 'Jumlah pesanan minimum (MOQ)', en: 'Minimum order quantity (MOQ)' },
    howTo: { id: 'Isi bagian Ekspor pada produk: MOQ, waktu produksi, Incoterm.', en: 'Fill in the Export part of a product: MOQ, lead time, Incoterms.' },
  },
  {
    key: 'pricing.tiers',
    dimension: 'pricing',
    weight: 5,
    done: (f) => f.products.withTiers > 0,
    label: { id: 'Harga grosir berjenjang', en: 'Tiered wholesale prices' },
    howTo: {
      id: 'Tambahkan sedikitnya dua jenjang harga grosir (harga per unit turun saat jumlah naik).',
      en: 'Add at least two wholesale price tiers (unit price falls as quantity rises).',
    },
  },
  {
    key: 'marketing.domesticSales',
    dimension: 'marketing',
    weight: 4,
    done: (f) => f.completedOrders >= 3,
    label: { id: 'Rekam jejak penjualan (3 pesanan selesai)', en: 'Sales track record (3 completed orders)' },
    howTo: { id: 'Selesaikan pesanan di Pasar Kerthi; riwayat penjualan meyakinkan pembeli.', en: 'Complete orders on Pasar Kerthi; a sales history reassures buyers.' },
  },
  {
    key: 'marketing.experience',
    dimension: 'marketing',
    weight: 2,
    done: (f) => f.profile?.exportExperience === 'indirect' || f.profile?.exportExperience === 'direct' || f.exportDeals > 0,
    label: { id: 'Pengalaman ekspor', en: 'Export experience' },
    howTo: {
      id: 'Mulailah lewat eksportir atau koperasi (ekspor tidak langsung) dan catat di Profil ekspor.',
      en: 'Start through an exporter or cooperative (indirect export) and record it in the Export profile.',
    },
  },
  {
    key: 'marketing.samples',
    dimension: 'marketing',
    weight: 2,
    done: (f) => !!f.profile?.samplePolicy && f.profile.samplePolicy !== 'none',
    label: { id: 'Kebijakan sampel', en: 'Sample policy' },
    howTo: { id: 'Tentukan apakah sampel gratis atau berbayar di Profil ekspor.', en: 'Decide whether samples are free or paid in the Export profile.' },
  },
  {
    key: 'logistics.hsCodes',
    dimension: 'logistics',
    weight: 5,
    done: (f) => share(f.products.withHsCode, f),
    label: { id: 'Kode HS produk', en: 'HS codes on products' },
    howTo: {
      id: 'Isi kode HS (mis. 4420.11 ukiran kayu) untuk sedikitnya 80% produk aktif; lihat petunjuk kategori.',
      en: 'Give an HS code (e.g. 4420.11 wood carvings) for at least 80% of active products; see the category hints.',
    },
  },
  {
    key: 'logistics.weights',
    dimension: 'logistics',
    weight: 4,
    done: (f) => share(f.products.withWeight, f),
    label: { id: 'Berat produk', en: 'Product weights' },
    howTo: { id: 'Isi berat (gram) untuk sedikitnya 80% produk aktif agar ongkos kirim bisa dihitung.', en: 'Give the weight (grams) of at least 80% of active products so freight can be costed.' },
  },
  {
    key: 'logistics.incoterms',
    dimension: 'logistics',
    weight: 2,
    done: (f) => f.products.withIncoterm > 0,
    label: { id: 'Incoterm ditawarkan', en: 'Incoterms offered' },
    howTo: {
      id: 'Pilih Incoterm yang Anda sanggupi (mis. EXW, FCA, FOB) pada bagian Ekspor produk.',
      en: 'Choose the Incoterms you can handle (e.g. EXW, FCA, FOB) in the Export part of a product.',
    },
  },
  {
    key: 'logistics.port',
    dimension: 'logistics',
    weight: 3,
    done: (f) => !!f.profile?.portOfLoading,
    label: { id: 'Pelabuhan muat', en: 'Port of loading' },
    howTo: {
      id: 'Tentukan pelabuhan muat (Benoa, Tanjung Perak, kargo udara Ngurah Rai) di Profil ekspor.',
      en: 'Name your port of loading (Benoa, Tanjung Perak, Ngurah Rai air cargo) in the Export profile.',
    },
  },
  {
    key: 'finance.paymentTerms',
    dimension: 'finance',
    weight: 6,
    done: (f) => (f.profile?.paymentTermsAccepted.length ?? 0) > 0,
    label: { id: 'Syarat pembayaran', en: 'Payment terms' },
    howTo: {
      id: 'Pilih syarat pembayaran yang Anda terima (TT di muka, L/C…) di Profil ekspor; tanyakan modal kerja (KUR) ke bank.',
      en: 'Choose the payment terms you accept (advance TT, L/C…) in the Export profile; ask your bank about working capital (KUR).',
    },
  },
  {
    key: 'certifications.required',
    dimension: 'certifications',
    weight: 6,
    done: (f) => missingFamilyDocuments(f.families, f.documents).length === 0,
    label: { id: 'Sertifikat yang diwajibkan produk (SVLK, Halal, BPOM)', en: 'Certificates your products need (SVLK, Halal, BPOM)' },
    howTo: {
      id: 'Produk kayu perlu SVLK (lembaga LVLK); pangan dan kosmetik perlu Halal (BPJPH, jalur self-declare untuk usaha mikro) dan izin BPOM/P-IRT.',
      en: 'Timber products need SVLK (LVLK bodies); food and cosmetics need Halal (BPJPH, self-declare route for micro firms) and a BPOM/P-IRT permit.',
    },
  },
  {
    key: 'certifications.quality',
    dimension: 'certifications',
    weight: 2,
    done: (f) => ['HALAL', 'SNI', 'SVLK', 'BPOM_MD', 'BPOM_NA'].some((type) => f.documents.has(type)),
    label: { id: 'Sertifikat mutu', en: 'A quality certificate' },
    howTo: { id: 'Ajukan sertifikat mutu yang relevan (SNI, Halal, SVLK) dan unggah di Dokumen.', en: 'Apply for a relevant quality certificate (SNI, Halal, SVLK) and add it under Documents.' },
  },
  {
    key: 'commitment.plan',
    dimension: 'commitment',
    weight: 4,
    done: (f) => !!f.profile?.hasExportPlan,
    label: { id: 'Rencana ekspor', en: 'An export plan' },
    howTo: {
      id: 'Tulis rencana ekspor sederhana (pasar, produk, harga, jadwal); Dinas Koperasi dan UKM bisa mendampingi.',
      en: 'Write a simple export plan (market, products, prices, schedule); the Dinas Koperasi dan UKM can coach you.',
    },
  },
  {
    key: 'commitment.markets',
    dimension: 'commitment',
    weight: 2,
    done: (f) => (f.profile?.targetMarkets.length ?? 0) > 0,
    label: { id: 'Negara tujuan', en: 'Target markets' },
    howTo: { id: 'Pilih negara tujuan ekspor di Profil ekspor.', en: 'Choose your target export markets in the Export profile.' },
  },
  {
    key: 'commitment.staff',
    dimension: 'commitment',
    weight: 2,
    done: (f) => (f.profile?.exportStaff ?? 0) > 0,
    label: { id: 'Orang yang mengurus ekspor', en: 'Someone in charge of exports' },
    howTo: { id: 'Tunjuk sedikitnya satu orang untuk mengurus ekspor dan catat di Profil ekspor.', en: 'Put at least one person in charge of exports and record it in the Export profile.' },
  },
  {
    key: 'commitment.responsiveness',
    dimension: 'commitment',
    weight: 2,
    done: (f) => f.rfqs.overdue === 0 && (f.rfqs.medianResponseHours ?? 0) <= RESPONSE_HOURS,
    label: { id: 'Membalas permintaan penawaran dalam 2 hari', en: 'Answering quote requests within 2 days' },
    howTo: { id: 'Balas setiap permintaan penawaran (RFQ) dalam 48 jam.', en: 'Answer every request for quotation (RFQ) within 48 hours.' },
  },
];
