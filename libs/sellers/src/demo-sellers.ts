import type { DocumentStatus, DocumentType } from './documents/seller-document.entity.js';
import type { BusinessForm } from './seller.entity.js';

export interface DemoDocument {
  type: DocumentType;
  status: DocumentStatus;
  /** Years from today; negative = already past. */
  expiresInYears?: number;
  reason?: string;
}

export interface DemoSeller {
  slug: string;
  name: string;
  regency: string;
  district: string;
  owner: { email: string; name: string };
  businessForm: BusinessForm;
  /** Registration number of a demo cooperative. */
  cooperative?: string;
  story: { id: string; en: string };
  documents: DemoDocument[];
}

export const DEMO_COOPERATIVES = [
  { name: 'Koperasi Tenun Sidemen', regency: 'karangasem', registrationNumber: '518/BH/XXVII.2/2019', adminEmail: 'koperasi@demo.pasarkerthi.id' },
  { name: 'Koperasi Perajin Perak Celuk', regency: 'gianyar', registrationNumber: '187/BH/XXVII.4/2016', adminEmail: null },
] as const;
const SIDEMEN = DEMO_COOPERATIVES[0].registrationNumber;
const CELUK = DEMO_COOPERATIVES[1].registrationNumber;

const PERAJIN = { email: 'perajin@demo.pasarkerthi.id', name: 'I Wayan Perajin' };
const owner = (local: string, name: string) => ({ email: `${local}@demo.pasarkerthi.id`, name });
const nib = (status: DocumentStatus = 'approved'): DemoDocument => ({ type: 'NIB', status });
const approved = (type: DocumentType, expiresInYears?: number): DemoDocument => ({ type, status: 'approved', ...(expiresInYears !== undefined ? { expiresInYears } : {}) });
const pending = (type: DocumentType): DemoDocument => ({ type, status: 'pending' });

/** About thirty sellers across the nine regencies, with the crafts each is known for (domain/regions.md). */
export const DEMO_SELLERS: DemoSeller[] = [
  {
    slug: 'tenun-endek-ni-made-sari',
    name: 'Tenun Endek Ni Made Sari',
    regency: 'denpasar',
    district: 'Denpasar Timur',
    owner: owner('made.sari', 'Ni Made Sari'),
    businessForm: 'individual',
    story: { id: 'Tiga generasi menenun endek dengan alat tenun bukan mesin di Denpasar.', en: 'Three generations weaving endek on hand looms in Denpasar.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'butik-kebaya-jegeg',
    name: 'Butik Kebaya Jegeg',
    regency: 'denpasar',
    district: 'Denpasar Barat',
    owner: owner('ayu.jegeg', 'Ni Luh Ayu Jegeg'),
    businessForm: 'cv',
    story: { id: 'Kebaya dan busana adat Bali dijahit tangan dari kain endek lokal.', en: 'Kebaya and Balinese ceremonial wear, hand-sewn from local endek.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'perhiasan-perak-kumbasari',
    name: 'Perhiasan Perak Kumbasari',
    regency: 'denpasar',
    district: 'Denpasar Barat',
    owner: owner('gede.kumbasari', 'I Gede Artawan'),
    businessForm: 'informal',
    story: { id: 'Cincin dan liontin perak dari bengkel kecil dekat Pasar Kumbasari.', en: 'Silver rings and pendants from a small workshop near Kumbasari market.' },
    documents: [pending('NIB')],
  },
  {
    slug: 'batik-bali-sanur',
    name: 'Batik Bali Sanur',
    regency: 'denpasar',
    district: 'Denpasar Selatan',
    owner: owner('komang.sanur', 'Komang Widiastuti'),
    businessForm: 'individual',
    story: { id: 'Batik tulis dengan motif laut dan pura, diwarnai dengan pewarna alam.', en: 'Hand-drawn batik with sea and temple motifs, coloured with natural dyes.' },
    documents: [nib()],
  },
  {
    slug: 'kerajinan-kayu-abiansemal',
    name: 'Kerajinan Kayu Abiansemal',
    regency: 'badung',
    district: 'Abiansemal',
    owner: owner('nyoman.abiansemal', 'I Nyoman Sudira'),
    businessForm: 'cv',
    story: { id: 'Mangkuk, nampan dan patung dari kayu suar dan jempinis bersertifikat.', en: 'Bowls, trays and figures of certified suar and jempinis wood.' },
    documents: [nib(), approved('NPWP'), approved('SVLK', 3)],
  },
  {
    slug: 'sabun-spa-legian',
    name: 'Sabun Spa Legian',
    regency: 'badung',
    district: 'Kuta',
    owner: owner('putu.legian', 'Putu Ratnadi'),
    businessForm: 'pt',
    story: { id: 'Sabun dan boreh dengan minyak kelapa dan rempah Bali untuk spa.', en: 'Soap and boreh scrub with coconut oil and Balinese spices for spas.' },
    documents: [nib(), approved('NPWP'), pending('BPOM_NA')],
  },
  {
    slug: 'perak-celuk-ketut-suarta',
    name: 'Perak Celuk Ketut Suarta',
    regency: 'gianyar',
    district: 'Sukawati',
    owner: owner('ketut.suarta', 'I Ketut Suarta'),
    businessForm: 'individual',
    cooperative: CELUK,
    story: { id: 'Granulasi dan filigri perak khas Celuk, dikerjakan sejak 1985.', en: 'Celuk-style silver granulation and filigree, made since 1985.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'perak-celuk-dewi',
    name: 'Perak Celuk Dewi',
    regency: 'gianyar',
    district: 'Sukawati',
    owner: owner('dewi.celuk', 'Ni Kadek Dewi'),
    businessForm: 'informal',
    cooperative: CELUK,
    story: { id: 'Anting dan gelang perak ringan, cocok untuk hadiah.', en: 'Light silver earrings and bracelets, made for gifting.' },
    documents: [pending('NIB')],
  },
  {
    slug: 'ukiran-kayu-mas-wayan',
    name: 'Ukiran Kayu Mas Wayan',
    regency: 'gianyar',
    district: 'Ubud',
    owner: PERAJIN,
    businessForm: 'individual',
    story: { id: 'Ukiran Garuda, topeng dan relief dari Desa Mas, Ubud.', en: 'Garuda carvings, masks and reliefs from Mas village, Ubud.' },
    documents: [nib(), pending('SVLK')],
  },
  {
    slug: 'anyaman-bambu-bona',
    name: 'Anyaman Bambu Bona',
    regency: 'gianyar',
    district: 'Blahbatuh',
    owner: PERAJIN,
    businessForm: 'informal',
    story: { id: 'Keranjang, tas dan kap lampu dari bambu yang dianyam perempuan Desa Bona.', en: 'Baskets, bags and lampshades woven from bamboo by the women of Bona.' },
    documents: [],
  },
  {
    slug: 'batu-padas-batubulan',
    name: 'Batu Padas Batubulan',
    regency: 'gianyar',
    district: 'Sukawati',
    owner: owner('made.batubulan', 'I Made Sutama'),
    businessForm: 'individual',
    story: { id: 'Arca dan ornamen taman dari batu padas, dipahat di Batubulan.', en: 'Statues and garden ornaments carved from padas stone in Batubulan.' },
    documents: [nib()],
  },
  {
    slug: 'lukisan-ubud-gusti-agung',
    name: 'Lukisan Ubud Gusti Agung',
    regency: 'gianyar',
    district: 'Ubud',
    owner: owner('gusti.agung', 'Gusti Agung Rai'),
    businessForm: 'informal',
    story: { id: 'Lukisan gaya Ubud tentang sawah, upacara dan kehidupan desa.', en: 'Ubud-style paintings of rice fields, ceremonies and village life.' },
    documents: [nib(), { type: 'NPWP', status: 'rejected', reason: 'Nomor NPWP tidak terbaca pada unggahan.' }],
  },
  {
    slug: 'rotan-tegallalang',
    name: 'Rotan Tegallalang',
    regency: 'gianyar',
    district: 'Tegallalang',
    owner: owner('wayan.tegallalang', 'I Wayan Kariasa'),
    businessForm: 'cv',
    story: { id: 'Tas bulat rotan dan perabot kecil dari perajin Tegallalang.', en: 'Round rattan bags and small furniture from Tegallalang makers.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'gerabah-pejaten',
    name: 'Gerabah Pejaten',
    regency: 'tabanan',
    district: 'Kediri',
    owner: owner('nengah.pejaten', 'I Nengah Mudana'),
    businessForm: 'individual',
    story: { id: 'Keramik hijau seladon dan gerabah hias dari Desa Pejaten.', en: 'Celadon-green ceramics and decorative earthenware from Pejaten village.' },
    documents: [nib()],
  },
  {
    slug: 'kopi-pupuan-tabanan',
    name: 'Kopi Pupuan Tabanan',
    regency: 'tabanan',
    district: 'Pupuan',
    owner: owner('ketut.pupuan', 'I Ketut Widana'),
    businessForm: 'informal',
    story: { id: 'Robusta dan arabika dari kebun keluarga di lereng Pupuan.', en: 'Robusta and arabica from family gardens on the Pupuan slopes.' },
    documents: [pending('NIB'), pending('PIRT')],
  },
  {
    slug: 'minyak-atsiri-tabanan',
    name: 'Minyak Atsiri Tabanan',
    regency: 'tabanan',
    district: 'Penebel',
    owner: owner('ayu.penebel', 'Dayu Ayu Penebel'),
    businessForm: 'cv',
    story: { id: 'Minyak sereh, cengkeh dan kenanga disuling di kaki Gunung Batukaru.', en: 'Lemongrass, clove and ylang oils distilled at the foot of Mount Batukaru.' },
    documents: [nib(), approved('NPWP'), approved('BPOM_NA', 2)],
  },
  {
    slug: 'kopi-arabika-kintamani',
    name: 'Kopi Arabika Kintamani',
    regency: 'bangli',
    district: 'Kintamani',
    owner: owner('wayan.kintamani', 'I Wayan Suardana'),
    businessForm: 'cooperative',
    story: { id: 'Arabika Kintamani berindikasi geografis, diproses basah oleh subak abian.', en: 'Geographical-indication Kintamani arabica, wet-processed by the subak abian.' },
    documents: [nib(), approved('NPWP'), approved('SPP_IRT', 4), approved('HALAL', 3)],
  },
  {
    slug: 'anyaman-bambu-bangli',
    name: 'Anyaman Bambu Bangli',
    regency: 'bangli',
    district: 'Susut',
    owner: owner('nyoman.susut', 'Ni Nyoman Sukerti'),
    businessForm: 'informal',
    story: { id: 'Sok, bakul dan tempat sesajen dari bambu tali.', en: 'Bamboo baskets and offering trays woven from tali bamboo.' },
    documents: [],
  },
  {
    slug: 'songket-gelgel-ni-ketut',
    name: 'Songket Gelgel Ni Ketut',
    regency: 'klungkung',
    district: 'Klungkung',
    owner: owner('ketut.gelgel', 'Ni Ketut Sriasih'),
    businessForm: 'individual',
    story: { id: 'Songket benang emas dan perak untuk upacara, ditenun di Gelgel.', en: 'Gold and silver thread songket for ceremonies, woven in Gelgel.' },
    documents: [nib()],
  },
  {
    slug: 'lukisan-wayang-klasik-klungkung',
    name: 'Lukisan Wayang Klasik Klungkung',
    regency: 'klungkung',
    district: 'Klungkung',
    owner: owner('nyoman.wayang', 'I Nyoman Mandra'),
    businessForm: 'informal',
    story: { id: 'Lukisan wayang klasik dengan pewarna alam dari Desa Kamasan.', en: 'Classical wayang paintings with natural pigments from Kamasan village.' },
    documents: [nib()],
  },
  {
    slug: 'garam-kusamba',
    name: 'Garam Kusamba',
    regency: 'klungkung',
    district: 'Dawan',
    owner: owner('made.kusamba', 'I Made Regeg'),
    businessForm: 'informal',
    story: { id: 'Garam laut dijemur di pasir hitam pantai Kusamba dengan cara tradisional.', en: 'Sea salt sun-dried on the black sand of Kusamba beach, the traditional way.' },
    documents: [nib(), pending('SNI')],
  },
  {
    slug: 'tenun-ikat-nusa-penida',
    name: 'Tenun Ikat Nusa Penida',
    regency: 'klungkung',
    district: 'Nusa Penida',
    owner: owner('wayan.penida', 'Ni Wayan Rempeg'),
    businessForm: 'informal',
    story: { id: 'Kain cepuk dan tenun ikat dari perempuan penenun Nusa Penida.', en: 'Cepuk cloth and ikat weaving by the women weavers of Nusa Penida.' },
    documents: [],
  },
  {
    slug: 'gringsing-tenganan',
    name: 'Gringsing Tenganan Pegringsingan',
    regency: 'karangasem',
    district: 'Manggis',
    owner: owner('putu.tenganan', 'I Putu Yudiana'),
    businessForm: 'individual',
    cooperative: SIDEMEN,
    story: { id: 'Kain gringsing ikat ganda, diwarnai bertahun-tahun dengan pewarna alam.', en: 'Gringsing double ikat, dyed over years with natural colours.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'songket-sidemen-ibu-komang',
    name: 'Songket Sidemen Ibu Komang',
    regency: 'karangasem',
    district: 'Sidemen',
    owner: owner('komang.sidemen', 'Ni Komang Suasti'),
    businessForm: 'informal',
    cooperative: SIDEMEN,
    story: { id: 'Songket Sidemen dengan motif bunga dan wayang, ditenun di rumah.', en: 'Sidemen songket with flower and wayang motifs, woven at home.' },
    documents: [pending('NIB')],
  },
  {
    slug: 'tenun-endek-sidemen',
    name: 'Tenun Endek Sidemen',
    regency: 'karangasem',
    district: 'Sidemen',
    owner: owner('nengah.sidemen', 'Ni Nengah Suartini'),
    businessForm: 'cooperative',
    cooperative: SIDEMEN,
    story: { id: 'Endek ikat pakan dari kelompok penenun Sidemen.', en: 'Weft-ikat endek from the Sidemen weavers group.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'garam-amed-pak-nengah',
    name: 'Garam Amed Pak Nengah',
    regency: 'karangasem',
    district: 'Abang',
    owner: owner('nengah.amed', 'I Nengah Suparta'),
    businessForm: 'individual',
    story: { id: 'Garam laut Amed dikeringkan di batang kelapa, gurih dan renyah.', en: 'Amed sea salt dried in coconut-trunk troughs, flaky and mild.' },
    documents: [nib(), approved('SNI', -1)],
  },
  {
    slug: 'kopi-munduk-buleleng',
    name: 'Kopi Munduk Buleleng',
    regency: 'buleleng',
    district: 'Banjar',
    owner: owner('gede.munduk', 'I Gede Sumadi'),
    businessForm: 'individual',
    story: { id: 'Kopi dan cengkeh dari kebun berkabut di Munduk.', en: 'Coffee and cloves from the misty gardens of Munduk.' },
    documents: [nib(), approved('PIRT', 3)],
  },
  {
    slug: 'tenun-endek-buleleng',
    name: 'Tenun Endek Buleleng',
    regency: 'buleleng',
    district: 'Sukasada',
    owner: owner('luh.buleleng', 'Luh Putu Ariani'),
    businessForm: 'individual',
    story: { id: 'Endek Buleleng dengan motif bunga dan warna-warna cerah.', en: 'Buleleng endek with flower motifs and bright colours.' },
    documents: [nib()],
  },
  {
    slug: 'vanili-dan-cengkeh-buleleng',
    name: 'Vanili dan Cengkeh Buleleng',
    regency: 'buleleng',
    district: 'Busungbiu',
    owner: owner('made.busungbiu', 'I Made Tirta'),
    businessForm: 'informal',
    story: { id: 'Polong vanili dan cengkeh kering dari petani Busungbiu.', en: 'Dried vanilla pods and cloves from Busungbiu farmers.' },
    documents: [pending('NIB')],
  },
  {
    slug: 'cokelat-jembrana',
    name: 'Cokelat Jembrana',
    regency: 'jembrana',
    district: 'Mendoyo',
    owner: owner('komang.jembrana', 'Komang Sujana'),
    businessForm: 'cv',
    story: { id: 'Cokelat batangan dari kakao fermentasi Jembrana, desa devisa pertama.', en: 'Chocolate bars from fermented Jembrana cocoa, the first export village.' },
    documents: [nib(), approved('NPWP'), approved('SPP_IRT', 2), pending('HALAL')],
  },
  {
    slug: 'kakao-fermentasi-nusasari',
    name: 'Kakao Fermentasi Nusasari',
    regency: 'jembrana',
    district: 'Melaya',
    owner: owner('ketut.nusasari', 'I Ketut Wiadnyana'),
    businessForm: 'cooperative',
    story: { id: 'Biji kakao fermentasi dari koperasi petani Nusasari.', en: 'Fermented cocoa beans from the Nusasari farmers cooperative.' },
    documents: [nib(), approved('NPWP')],
  },
  {
    slug: 'minyak-kelapa-negara',
    name: 'Minyak Kelapa Tandusan Negara',
    regency: 'jembrana',
    district: 'Negara',
    owner: owner('putu.negara', 'Ni Putu Lestari'),
    businessForm: 'informal',
    story: { id: 'Minyak kelapa tandusan dibuat dengan api kayu seperti dulu.', en: 'Tandusan coconut oil, cooked over a wood fire as it used to be.' },
    documents: [nib(), pending('PIRT')],
  },
];

/** Seeded seller slugs, for other seeders. */
export const DEMO_SELLER_SLUGS: readonly string[] = DEMO_SELLERS.map((s) => s.slug);
