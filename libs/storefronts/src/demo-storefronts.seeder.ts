import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DemoSeeder, regencyName } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { defaultStorefront } from './default-storefront.js';
import { StorefrontsService } from './storefronts.service.js';
import type { StorefrontSection } from './theme-schema.js';

const LOOKS = [
  { theme: 'warm-craft', settings: { primaryColor: '#9a3412', paper: 'cream' } },
  { theme: 'minimal', settings: { primaryColor: '#0f766e', font: 'sans' } },
  { theme: 'bold-fashion', settings: { primaryColor: '#111111', accentColor: '#e11d48', uppercase: true } },
  { theme: 'warm-craft', settings: { primaryColor: '#166534', paper: 'linen' } },
  { theme: 'minimal', settings: { primaryColor: '#1d4ed8', font: 'serif' } },
  { theme: 'bold-fashion', settings: { primaryColor: '#1e1b4b', accentColor: '#f59e0b', uppercase: false } },
];

const QUOTES = [
  { quote: { id: 'Kualitasnya luar biasa, pengiriman cepat dan rapi.', en: 'Outstanding quality, shipped quickly and neatly.' }, author: { id: 'Komang' }, place: { id: 'Denpasar' } },
  { quote: { id: 'Sudah tiga kali pesan untuk toko kami di Sydney.', en: 'Our third order for our shop in Sydney.' }, author: { id: 'Emma' }, place: { id: 'Sydney' } },
  { quote: { id: 'Perajinnya ramah dan mau menyesuaikan pesanan.', en: 'Friendly makers who adapt the order to what you need.' }, author: { id: 'Dewi' }, place: { id: 'Surabaya' } },
];

/**
 * Demo storefronts (order 40, after the catalogue): five in six demo sellers get a published
 * storefront in one of the themes, built from their own products and photos.
 */
@Injectable()
export class DemoStorefrontsSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sellers: SellersService,
    private readonly storefronts: StorefrontsService,
  ) {}

  @DemoSeeder(40)
  async seed(): Promise<void> {
    const rows: Array<{ id: string; done: boolean }> = await this.db.query(
      `SELECT s.id, EXISTS (SELECT 1 FROM storefronts f WHERE f.seller_id = s.id) AS done FROM sellers_public_v s WHERE s.suspended_at IS NULL ORDER BY s.created_at, s.id`,
    );
    for (const [index, { id, done }] of rows.entries()) {
      // Leave some without a storefront: the marketplace must cope with those too.
      if (done || index % 6 === 5) continue;
      const seller = (await this.sellers.findById(id))!;
      const products: Array<{ id: string; has_export: boolean }> = await this.db.query(
        `SELECT id, export IS NOT NULL AS has_export FROM catalogue_products_v WHERE seller_id = $1 AND status = 'active' ORDER BY created_at, id LIMIT 8`,
        [id],
      );
      const images: Array<{ media_id: string }> = await this.db.query(
        `SELECT pi.media_id FROM catalogue_product_images_v pi JOIN catalogue_products_v p ON p.id = pi.product_id WHERE p.seller_id = $1 AND p.status = 'active' ORDER BY p.created_at, pi.position LIMIT 4`,
        [id],
      );
      const look = LOOKS[index % LOOKS.length]!;
      const base = defaultStorefront(seller, look.theme);
      const [hero, ...rest] = base.sections;
      const sections: StorefrontSection[] = [
        {
          ...hero!,
          settings: {
            ...hero!.settings,
            ...(images[0] ? { image: images[0].media_id } : {}),
            text: seller.story ? { id: seller.story.id.slice(0, 300), ...(seller.story.en ? { en: seller.story.en.slice(0, 300) } : {}) } : undefined,
          },
        },
        ...rest,
        ...(products[0] ? [{ id: 'unggulan', type: 'featured_product', settings: { product: products[0].id } }] : []),
        ...(images.length > 1
          ? [
              {
                id: 'galeri',
                type: 'gallery',
                settings: { heading: { id: 'Dari bengkel kami', en: 'From our workshop' } },
                blocks: images.slice(1).map((img) => ({ type: 'image', settings: { image: img.media_id } })),
              },
            ]
          : []),
        { id: 'testimoni', type: 'testimonials', settings: {}, blocks: [QUOTES[index % 3]!, QUOTES[(index + 1) % 3]!].map((settings) => ({ type: 'testimonial', settings })) },
        {
          id: 'lokasi',
          type: 'location',
          settings: { address: `${seller.district ? `${seller.district}, ` : ''}${regencyName(seller.regency)}, Bali`, visitors: index % 2 === 0 },
          blocks: [
            { type: 'hours', settings: { days: { id: 'Senin–Sabtu', en: 'Monday–Saturday' }, hours: '08.00–17.00' } },
            { type: 'hours', settings: { days: { id: 'Minggu', en: 'Sunday' }, hours: { id: 'Tutup', en: 'Closed' } } },
          ],
        },
        ...(products.some((p) => p.has_export) ? [{ id: 'ekspor', type: 'export_info', settings: { certifications: index % 2 ? 'SVLK' : 'NIB, Halal' } }] : []),
      ];
      for (const section of sections) for (const key of Object.keys(section.settings)) if (section.settings[key] === undefined) delete section.settings[key];
      await this.storefronts.publishDocument(seller, { theme: look.theme, settings: look.settings, sections }, null);
    }
  }
}
