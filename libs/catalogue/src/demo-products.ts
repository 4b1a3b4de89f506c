import type { Text } from '#libs/platform';

/** One kind of demo product; titles combine it with each of its category's variations. */
export interface DemoItem {
  title: Text;
  price: [number, number];
  weight: number;
  hs: string;
  materials: string[];
  technique: string;
  options?: { name: string; values: string[] };
}

export interface DemoCategory {
  slug: string;
  /** Seller names containing one of these words make this category. */
  keywords: string[];
  village: string;
  color: [number, number, number];
  variations: Text[];
  items: DemoItem[];
  story: Text;
}

const size = { name: 'Ukuran', values: ['S', 'M', 'L', 'XL'] };
const weightOpt = (values: string[]) => ({ name: 'Berat', values });

/** Realistic demo catalogue of Bali's UMKM, per category (prices in whole rupiah). */
export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    slug: 'endek',
    keywords: ['endek', 'tenun', 'ikat'],
    village: 'Sidemen',
    color: [154, 52, 18],
    variations: [
      { id: 'motif cepuk', en: 'cepuk motif' },
      { id: 'motif patra', en: 'patra motif' },
      { id: 'motif wajik', en: 'diamond motif' },
      { id: 'motif rang-rang', en: 'rang-rang motif' },
      { id: 'warna alam', en: 'natural dyes' },
    ],
    items: [
      { title: { id: 'Kain endek', en: 'Endek cloth' }, price: [450000, 1500000], weight: 400, hs: '520842', materials: ['katun', 'pewarna alam'], technique: 'tenun ikat pakan' },
      { title: { id: 'Selendang endek', en: 'Endek shawl' }, price: [175000, 450000], weight: 150, hs: '621490', materials: ['katun'], technique: 'tenun ikat pakan' },
      { title: { id: 'Kemeja endek', en: 'Endek shirt' }, price: [275000, 550000], weight: 250, hs: '620520', materials: ['katun'], technique: 'tenun ikat, dijahit tangan', options: size },
    ],
    story: {
      id: 'Ditenun dengan alat tenun bukan mesin (ATBM); benang pakan diikat dan dicelup sebelum ditenun sehingga motif muncul perlahan.',
      en: 'Woven on a non-machine loom; the weft threads are tied and dyed before weaving so the motif appears row by row.',
    },
  },
  {
    slug: 'songket',
    keywords: ['songket'],
    village: 'Sidemen',
    color: [180, 130, 20],
    variations: [
      { id: 'benang emas', en: 'gold thread' },
      { id: 'benang perak', en: 'silver thread' },
      { id: 'motif bunga', en: 'floral motif' },
      { id: 'untuk upacara', en: 'for ceremonies' },
    ],
    items: [
      { title: { id: 'Kain songket', en: 'Songket cloth' }, price: [1500000, 6500000], weight: 600, hs: '580900', materials: ['sutra', 'benang emas'], technique: 'tenun songket' },
      { title: { id: 'Selendang songket', en: 'Songket sash' }, price: [350000, 900000], weight: 200, hs: '621410', materials: ['katun', 'benang emas'], technique: 'tenun songket' },
    ],
    story: {
      id: 'Benang logam disisipkan satu per satu dengan lidi; satu kain bisa memakan waktu dua bulan.',
      en: 'Metal threads are inserted one by one with a palm-leaf rib; one cloth can take two months.',
    },
  },
  {
    slug: 'gringsing',
    keywords: ['gringsing', 'tenganan'],
    village: 'Tenganan Pegringsingan',
    color: [120, 40, 30],
    variations: [
      { id: 'motif lubeng', en: 'lubeng motif' },
      { id: 'motif wayang', en: 'wayang motif' },
      { id: 'motif cemplong', en: 'cemplong motif' },
    ],
    items: [
      {
        title: { id: 'Kain gringsing ikat ganda', en: 'Gringsing double-ikat cloth' },
        price: [2500000, 12000000],
        weight: 350,
        hs: '520849',
        materials: ['katun', 'minyak kemiri', 'akar mengkudu'],
        technique: 'ikat ganda',
      },
      { title: { id: 'Selendang gringsing', en: 'Gringsing shawl' }, price: [900000, 3000000], weight: 150, hs: '621490', materials: ['katun', 'pewarna alam'], technique: 'ikat ganda' },
    ],
    story: {
      id: 'Ikat ganda dari Tenganan, salah satu dari sedikit tempat di dunia yang masih membuatnya; pewarnaan alami bertahun-tahun.',
      en: 'Double ikat from Tenganan, one of the few places in the world that still makes it; natural dyeing over years.',
    },
  },
  {
    slug: 'batik',
    keywords: ['batik'],
    village: 'Denpasar',
    color: [30, 64, 120],
    variations: [
      { id: 'motif barong', en: 'barong motif' },
      { id: 'motif kamasan', en: 'Kamasan motif' },
      { id: 'motif kupu-kupu', en: 'butterfly motif' },
      { id: 'cap', en: 'stamped' },
      { id: 'tulis', en: 'hand-drawn' },
    ],
    items: [
      { title: { id: 'Kain batik Bali', en: 'Balinese batik cloth' }, price: [250000, 950000], weight: 300, hs: '520852', materials: ['katun primisima', 'malam'], technique: 'batik tulis' },
      { title: { id: 'Kemeja batik', en: 'Batik shirt' }, price: [225000, 475000], weight: 250, hs: '620520', materials: ['katun'], technique: 'batik cap', options: size },
    ],
    story: { id: 'Motif Bali dilukis dengan canting dan lilin malam, lalu dicelup berulang kali.', en: 'Balinese motifs drawn with a canting and wax, then dyed again and again.' },
  },
  {
    slug: 'ukiran-kayu',
    keywords: ['ukir', 'kayu', 'mas'],
    village: 'Mas',
    color: [120, 80, 40],
    variations: [
      { id: 'kayu suar', en: 'suar wood' },
      { id: 'kayu jempinis', en: 'jempinis wood' },
      { id: 'kayu cempaka', en: 'cempaka wood' },
      { id: 'finishing alami', en: 'natural finish' },
    ],
    items: [
      { title: { id: 'Patung Ganesha', en: 'Ganesha statue' }, price: [350000, 4500000], weight: 1500, hs: '442011', materials: ['kayu'], technique: 'ukir tangan' },
      { title: { id: 'Topeng Barong', en: 'Barong mask' }, price: [450000, 2500000], weight: 800, hs: '442011', materials: ['kayu pule', 'cat alami'], technique: 'ukir dan lukis tangan' },
      {
        title: { id: 'Mangkuk saji', en: 'Serving bowl' },
        price: [125000, 350000],
        weight: 500,
        hs: '441920',
        materials: ['kayu'],
        technique: 'bubut dan ukir',
        options: { name: 'Diameter', values: ['20 cm', '30 cm'] },
      },
    ],
    story: { id: 'Diukir dengan tangan oleh pengukir Desa Mas yang mewarisi keahlian turun-temurun.', en: 'Hand-carved by carvers of Mas village, a skill handed down the generations.' },
  },
  {
    slug: 'ukiran-batu',
    keywords: ['batu', 'padas', 'batubulan'],
    village: 'Batubulan',
    color: [110, 110, 100],
    variations: [
      { id: 'batu padas', en: 'padas stone' },
      { id: 'batu paras Taro', en: 'Taro paras stone' },
      { id: 'untuk taman', en: 'for the garden' },
    ],
    items: [
      { title: { id: 'Arca Buddha', en: 'Buddha statue' }, price: [600000, 5000000], weight: 12000, hs: '680299', materials: ['batu padas'], technique: 'pahat tangan' },
      { title: { id: 'Relief dinding', en: 'Wall relief' }, price: [750000, 3500000], weight: 15000, hs: '680299', materials: ['batu paras'], technique: 'pahat relief' },
    ],
    story: { id: 'Dipahat dari batu vulkanik di Batubulan, pusat seni pahat batu Bali.', en: 'Chiselled from volcanic stone in Batubulan, the centre of Balinese stone carving.' },
  },
  {
    slug: 'perhiasan-perak',
    keywords: ['perak', 'silver', 'celuk'],
    village: 'Celuk',
    color: [160, 160, 170],
    variations: [
      { id: 'motif jawan', en: 'jawan granulation' },
      { id: 'motif bunga jepun', en: 'frangipani motif' },
      { id: 'dengan batu garnet', en: 'with garnet' },
      { id: 'filigri', en: 'filigree' },
    ],
    items: [
      {
        title: { id: 'Cincin perak 925', en: '925 silver ring' },
        price: [250000, 900000],
        weight: 15,
        hs: '711311',
        materials: ['perak 925'],
        technique: 'granulasi tangan',
        options: { name: 'Ukuran', values: ['6', '7', '8', '9'] },
      },
      { title: { id: 'Anting perak', en: 'Silver earrings' }, price: [175000, 650000], weight: 10, hs: '711311', materials: ['perak 925'], technique: 'filigri' },
      { title: { id: 'Kalung perak', en: 'Silver necklace' }, price: [450000, 2200000], weight: 30, hs: '711311', materials: ['perak 925'], technique: 'granulasi tangan' },
    ],
    story: { id: 'Perajin Celuk menempelkan butiran perak kecil satu per satu (teknik jawan).', en: 'Celuk silversmiths attach tiny silver granules one by one (the jawan technique).' },
  },
  {
    slug: 'anyaman-bambu',
    keywords: ['bambu', 'bamboo', 'bona'],
    village: 'Bona',
    color: [170, 140, 70],
    variations: [
      { id: 'anyaman rapat', en: 'tight weave' },
      { id: 'alami', en: 'natural' },
      { id: 'dengan tutup', en: 'with lid' },
    ],
    items: [
      {
        title: { id: 'Keranjang bambu', en: 'Bamboo basket' },
        price: [85000, 350000],
        weight: 600,
        hs: '460211',
        materials: ['bambu'],
        technique: 'anyam tangan',
        options: { name: 'Ukuran', values: ['Kecil', 'Sedang', 'Besar'] },
      },
      { title: { id: 'Kap lampu bambu', en: 'Bamboo lampshade' }, price: [150000, 450000], weight: 700, hs: '460211', materials: ['bambu'], technique: 'anyam tangan' },
    ],
    story: { id: 'Bambu dipanen di desa, dibelah, dijemur lalu dianyam oleh ibu-ibu Desa Bona.', en: 'Bamboo harvested in the village, split, dried and woven by the women of Bona.' },
  },
  {
    slug: 'anyaman-rotan',
    keywords: ['rotan', 'rattan', 'ata', 'tegallalang'],
    village: 'Tenganan',
    color: [140, 100, 50],
    variations: [
      { id: 'ata', en: 'ata grass' },
      { id: 'rotan alami', en: 'natural rattan' },
      { id: 'motif lingkaran', en: 'circle motif' },
    ],
    items: [
      {
        title: { id: 'Tas bulat rotan', en: 'Round rattan bag' },
        price: [175000, 450000],
        weight: 400,
        hs: '460212',
        materials: ['rotan', 'kulit'],
        technique: 'anyam tangan',
        options: { name: 'Diameter', values: ['18 cm', '20 cm', '25 cm'] },
      },
      { title: { id: 'Tikar rotan', en: 'Rattan mat' }, price: [250000, 900000], weight: 2000, hs: '460122', materials: ['rotan'], technique: 'anyam tangan' },
    ],
    story: { id: 'Anyaman yang rapat dan diasapi agar awet puluhan tahun.', en: 'Tightly woven and smoked so it lasts for decades.' },
  },
  {
    slug: 'keramik',
    keywords: ['keramik', 'gerabah', 'pejaten', 'ceramic'],
    village: 'Pejaten',
    color: [70, 110, 110],
    variations: [
      { id: 'glasir seladon', en: 'celadon glaze' },
      { id: 'terakota', en: 'terracotta' },
      { id: 'motif katak', en: 'frog motif' },
    ],
    items: [
      { title: { id: 'Set piring keramik', en: 'Ceramic plate set' }, price: [250000, 750000], weight: 2500, hs: '691200', materials: ['tanah liat'], technique: 'putar dan glasir' },
      { title: { id: 'Cangkir keramik', en: 'Ceramic cup' }, price: [65000, 150000], weight: 300, hs: '691200', materials: ['tanah liat'], technique: 'putar tangan' },
      { title: { id: 'Hiasan keramik', en: 'Ceramic ornament' }, price: [95000, 400000], weight: 600, hs: '691390', materials: ['tanah liat'], technique: 'cetak tangan' },
    ],
    story: { id: 'Dibentuk dan dibakar di tungku desa Pejaten, Tabanan.', en: 'Shaped and fired in the village kilns of Pejaten, Tabanan.' },
  },
  {
    slug: 'lukisan',
    keywords: ['lukis', 'kamasan', 'ubud', 'art'],
    village: 'Kamasan',
    color: [150, 60, 90],
    variations: [
      { id: 'gaya Kamasan', en: 'Kamasan style' },
      { id: 'gaya Batuan', en: 'Batuan style' },
      { id: 'gaya Pengosekan', en: 'Pengosekan style' },
      { id: 'gaya Ubud', en: 'Ubud style' },
    ],
    items: [
      { title: { id: 'Lukisan kisah Ramayana', en: 'Ramayana painting' }, price: [750000, 8000000], weight: 800, hs: '970191', materials: ['kanvas', 'cat akrilik'], technique: 'lukis tangan' },
      { title: { id: 'Lukisan sawah', en: 'Rice field painting' }, price: [500000, 4500000], weight: 700, hs: '970191', materials: ['kanvas', 'cat minyak'], technique: 'lukis tangan' },
    ],
    story: { id: 'Dilukis tangan oleh pelukis yang belajar di sanggar desa.', en: 'Hand-painted by an artist trained in the village studio.' },
  },
  {
    slug: 'kopi',
    keywords: ['kopi', 'coffee', 'kintamani', 'munduk'],
    village: 'Kintamani',
    color: [90, 50, 30],
    variations: [
      { id: 'sangrai sedang', en: 'medium roast' },
      { id: 'proses natural', en: 'natural process' },
      { id: 'proses honey', en: 'honey process' },
      { id: 'biji hijau', en: 'green beans' },
    ],
    items: [
      {
        title: { id: 'Kopi arabika Kintamani', en: 'Kintamani arabica coffee' },
        price: [65000, 180000],
        weight: 250,
        hs: '090121',
        materials: ['kopi arabika'],
        technique: 'petik merah, sangrai kecil',
        options: weightOpt(['250 g', '500 g', '1 kg']),
      },
      {
        title: { id: 'Kopi robusta Pupuan', en: 'Pupuan robusta coffee' },
        price: [45000, 120000],
        weight: 250,
        hs: '090121',
        materials: ['kopi robusta'],
        technique: 'sangrai kecil',
        options: weightOpt(['250 g', '500 g']),
      },
    ],
    story: {
      id: 'Ditanam dalam sistem Subak Abian bersama jeruk, dipetik merah dan disangrai dalam jumlah kecil.',
      en: 'Grown under the Subak Abian system with citrus, picked ripe and roasted in small batches.',
    },
  },
  {
    slug: 'kakao-cokelat',
    keywords: ['kakao', 'cokelat', 'cocoa', 'chocolate', 'jembrana'],
    village: 'Nusasari',
    color: [80, 40, 20],
    variations: [
      { id: '70% kakao', en: '70% cocoa' },
      { id: 'dengan garam laut', en: 'with sea salt' },
      { id: 'dengan kopi', en: 'with coffee' },
      { id: 'fermentasi', en: 'fermented' },
    ],
    items: [
      {
        title: { id: 'Cokelat batang Jembrana', en: 'Jembrana chocolate bar' },
        price: [35000, 75000],
        weight: 80,
        hs: '180632',
        materials: ['kakao fermentasi', 'gula kelapa'],
        technique: 'bean to bar',
      },
      {
        title: { id: 'Biji kakao fermentasi', en: 'Fermented cocoa beans' },
        price: [95000, 250000],
        weight: 1000,
        hs: '180100',
        materials: ['kakao'],
        technique: 'fermentasi 5 hari',
        options: weightOpt(['1 kg', '5 kg']),
      },
      { title: { id: 'Bubuk kakao', en: 'Cocoa powder' }, price: [55000, 120000], weight: 250, hs: '180500', materials: ['kakao'], technique: 'giling dingin' },
    ],
    story: { id: 'Kakao fermentasi dari koperasi petani Jembrana, bersertifikat organik.', en: 'Fermented cocoa from a Jembrana farmers’ cooperative, certified organic.' },
  },
  {
    slug: 'garam-laut',
    keywords: ['garam', 'salt', 'kusamba', 'amed'],
    village: 'Kusamba',
    color: [200, 200, 210],
    variations: [
      { id: 'kristal piramida', en: 'pyramid crystals' },
      { id: 'halus', en: 'fine' },
      { id: 'dengan rempah', en: 'with spices' },
    ],
    items: [
      {
        title: { id: 'Garam laut Kusamba', en: 'Kusamba sea salt' },
        price: [25000, 65000],
        weight: 250,
        hs: '250100',
        materials: ['air laut'],
        technique: 'palungan kayu, jemur matahari',
        options: weightOpt(['250 g', '500 g', '1 kg']),
      },
      { title: { id: 'Garam laut Amed', en: 'Amed sea salt' }, price: [30000, 70000], weight: 200, hs: '250100', materials: ['air laut'], technique: 'tradisional' },
    ],
    story: { id: 'Air laut disiramkan ke pasir, disaring dan dijemur di palungan batang kelapa.', en: 'Seawater poured over sand, filtered and sun-dried in coconut-trunk troughs.' },
  },
  {
    slug: 'minyak-kelapa-atsiri',
    keywords: ['minyak', 'oil', 'atsiri', 'kelapa'],
    village: 'Tabanan',
    color: [200, 170, 60],
    variations: [
      { id: 'murni', en: 'virgin' },
      { id: 'sereh wangi', en: 'citronella' },
      { id: 'cendana', en: 'sandalwood' },
      { id: 'kenanga', en: 'ylang-ylang' },
    ],
    items: [
      {
        title: { id: 'Minyak kelapa (lengis tanusan)', en: 'Coconut oil (lengis tanusan)' },
        price: [45000, 150000],
        weight: 500,
        hs: '151319',
        materials: ['kelapa'],
        technique: 'dimasak tradisional',
        options: { name: 'Volume', values: ['250 ml', '500 ml', '1 l'] },
      },
      { title: { id: 'Minyak atsiri', en: 'Essential oil' }, price: [65000, 250000], weight: 50, hs: '330129', materials: ['tumbuhan atsiri'], technique: 'suling uap' },
    ],
    story: { id: 'Disuling dan dimasak dalam jumlah kecil dari tanaman kebun keluarga.', en: 'Distilled and cooked in small batches from family-garden plants.' },
  },
  {
    slug: 'sabun-spa',
    keywords: ['sabun', 'soap', 'spa', 'boreh'],
    village: 'Ubud',
    color: [110, 150, 90],
    variations: [
      { id: 'sereh', en: 'lemongrass' },
      { id: 'kunyit', en: 'turmeric' },
      { id: 'arang bambu', en: 'bamboo charcoal' },
      { id: 'frangipani', en: 'frangipani' },
    ],
    items: [
      { title: { id: 'Sabun alami', en: 'Natural soap' }, price: [25000, 55000], weight: 100, hs: '340111', materials: ['minyak kelapa', 'minyak atsiri'], technique: 'proses dingin' },
      { title: { id: 'Lulur boreh Bali', en: 'Balinese boreh scrub' }, price: [45000, 120000], weight: 200, hs: '330499', materials: ['beras', 'rempah'], technique: 'tumbuk tangan' },
      { title: { id: 'Garam mandi', en: 'Bath salts' }, price: [40000, 95000], weight: 300, hs: '330730', materials: ['garam laut', 'minyak atsiri'], technique: 'racik tangan' },
    ],
    story: { id: 'Diracik dari bahan dapur Bali tanpa pewangi sintetis.', en: 'Made from Balinese kitchen ingredients without synthetic fragrance.' },
  },
  {
    slug: 'vanili-rempah',
    keywords: ['vanili', 'vanilla', 'rempah', 'spice', 'cengkeh'],
    village: 'Munduk',
    color: [60, 40, 30],
    variations: [
      { id: 'grade A', en: 'grade A' },
      { id: 'kering matahari', en: 'sun-cured' },
      { id: 'organik', en: 'organic' },
    ],
    items: [
      {
        title: { id: 'Polong vanili Bali', en: 'Bali vanilla pods' },
        price: [85000, 450000],
        weight: 50,
        hs: '090510',
        materials: ['vanili planifolia'],
        technique: 'kuring 3 bulan',
        options: weightOpt(['25 g', '50 g', '100 g']),
      },
      { title: { id: 'Cengkeh Munduk', en: 'Munduk cloves' }, price: [40000, 120000], weight: 100, hs: '090710', materials: ['cengkeh'], technique: 'jemur matahari' },
      { title: { id: 'Kayu manis', en: 'Cinnamon' }, price: [30000, 85000], weight: 100, hs: '090611', materials: ['kayu manis'], technique: 'jemur matahari' },
    ],
    story: { id: 'Dipetik dari kebun di perbukitan Buleleng dan dikeringkan perlahan.', en: 'Picked in the hill gardens of Buleleng and dried slowly.' },
  },
  {
    slug: 'fesyen',
    keywords: ['fesyen', 'fashion', 'butik', 'busana', 'kebaya'],
    village: 'Denpasar',
    color: [170, 70, 120],
    variations: [
      { id: 'katun', en: 'cotton' },
      { id: 'linen', en: 'linen' },
      { id: 'motif tropis', en: 'tropical print' },
      { id: 'bordir tangan', en: 'hand embroidery' },
    ],
    items: [
      { title: { id: 'Kebaya bordir', en: 'Embroidered kebaya' }, price: [350000, 1200000], weight: 250, hs: '620640', materials: ['brokat', 'katun'], technique: 'bordir tangan', options: size },
      { title: { id: 'Kaftan', en: 'Kaftan' }, price: [250000, 650000], weight: 300, hs: '620444', materials: ['rayon'], technique: 'jahit tangan', options: size },
      { title: { id: 'Tas kain tenun', en: 'Woven-cloth bag' }, price: [150000, 450000], weight: 400, hs: '420222', materials: ['kain tenun', 'kulit'], technique: 'jahit tangan' },
    ],
    story: { id: 'Dirancang dan dijahit di Denpasar dengan kain tenun perajin Bali.', en: 'Designed and sewn in Denpasar with cloth woven by Balinese artisans.' },
  },
];
