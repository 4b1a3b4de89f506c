import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { DemoSeeder } from '#libs/platform';
import { DEMO_CATEGORIES, type DemoCategory } from './demo-products.js';
import { MediaService } from './media/media.service.js';
import { ProductBulkWriter, type BulkProduct } from './imports/product-bulk-writer.js';

/** A small deterministic generator, so every demo database looks the same. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

/** A plain coloured picture with a few shapes (generated here; nothing is downloaded). */
async function demoImage([r, g, b]: [number, number, number], variant: number): Promise<Buffer> {
  const light = `rgb(${Math.min(255, r + 70)},${Math.min(255, g + 70)},${Math.min(255, b + 70)})`;
  const shapes = [
    `<circle cx="320" cy="240" r="${120 + variant * 30}" fill="${light}" fill-opacity="0.6"/>`,
    `<rect x="${80 + variant * 40}" y="80" width="240" height="320" rx="24" fill="${light}" fill-opacity="0.5"/>`,
    `<path d="M0 480 L320 ${160 + variant * 40} L640 480 Z" fill="${light}" fill-opacity="0.55"/>`,
  ][variant % 3];
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">${shapes}</svg>`);
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g, b } } })
    .composite([{ input: overlay }])
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * Demo catalogue (order 30, after the sellers): 10 to 16 bilingual products for each demo
 * seller without products, in the category its name suggests, with generated images,
 * variants, HS codes and a few export listings.
 */
@Injectable()
export class DemoCatalogueSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ProductBulkWriter,
    private readonly media: MediaService,
  ) {}

  @DemoSeeder(30)
  async seed(): Promise<void> {
    // The sellers the sellers seeder made (its view sellers_public_v); those with products are done already.
    const sellers: Array<{ id: string; name: string; district: string | null }> = await this.dataSource.query(
      `SELECT s.id, s.name, s.district FROM sellers_public_v s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.seller_id = s.id) ORDER BY s.created_at, s.id`,
    );
    for (const [index, seller] of sellers.entries()) {
      const rand = random(index + 1);
      const words = seller.name.toLowerCase().split(/[^a-z]+/);
      const category = DEMO_CATEGORIES.find((c) => c.keywords.some((k) => words.some((w) => w.startsWith(k)))) ?? DEMO_CATEGORIES[index % DEMO_CATEGORIES.length]!;
      const images: string[] = [];
      for (let v = 0; v < 3; v++) images.push((await this.media.store(seller.id, { buffer: await demoImage(category.color, v), originalname: `demo-${category.slug}-${v}.png` })).id);
      const products = this.products(seller, category, index, rand);
      await this.dataSource.transaction(async (manager) => {
        const { ids } = await this.writer.upsert(manager, seller.id, products, { reason: 'adjustment', referenceId: 'demo-seed', actorId: null });
        await manager.query(
          `INSERT INTO product_images (product_id, media_id, position)
           SELECT p, m, pos FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(p, m, pos) ON CONFLICT DO NOTHING`,
          [ids.flatMap((id) => [id, id]), ids.flatMap((_, i) => [images[i % 3]!, images[(i + 1) % 3]!]), ids.flatMap(() => [0, 1])],
        );
      });
    }
  }

  private products(seller: { name: string; district: string | null }, category: DemoCategory, index: number, rand: () => number): BulkProduct[] {
    const count = 10 + ((index * 5) % 7); // 10 to 16, about 13 a seller
    return Array.from({ length: count }, (_, j) => {
      const item = category.items[j % category.items.length]!;
      const variation = category.variations[(Math.floor(j / category.items.length) + index) % category.variations.length]!;
      const price = roundTo(item.price[0] + rand() * (item.price[1] - item.price[0]), 5000);
      const variants =
        item.options && j % 2 === 0
          ? item.options.values.map((value, k) => ({
              sku: `${category.slug.toUpperCase().slice(0, 6)}-${index}-${j}-${k + 1}`,
              options: { [item.options!.name]: value },
              priceAmount: roundTo(price * (1 + k * 0.2), 5000) * 100,
              stock: 2 + Math.floor(rand() * 15),
            }))
          : [];
      const exportReady = j === 0 && index % 3 === 0;
      const village = seller.district ?? category.village;
      return {
        handle: `demo-${j + 1}`,
        title: { id: `${item.title.id} ${variation.id}`, en: `${item.title.en}, ${variation.en}` },
        description: {
          id: `<p>${category.story.id}</p><p>Buatan <strong>${seller.name}</strong>, ${village}. Teknik: ${item.technique}.</p>`,
          en: `<p>${category.story.en}</p><p>Made by <strong>${seller.name}</strong>, ${village}. Technique: ${item.technique}.</p>`,
        },
        categorySlug: category.slug,
        priceAmount: price * 100,
        status: index % 4 === 0 && j === count - 1 ? 'draft' : 'active',
        materials: item.materials,
        weightGrams: item.weight,
        hsCode: item.hs,
        technique: item.technique,
        originVillage: village,
        dimensions: item.weight > 1000 ? { lengthCm: 30 + (j % 4) * 10, widthCm: 20 + (j % 3) * 5, heightCm: 40 } : null,
        export: exportReady
          ? {
              moq: 20,
              priceTiers: [
                { minQty: 20, price: { amount: roundTo(price * 0.8, 1000) * 100, currency: 'IDR' } },
                { minQty: 100, price: { amount: roundTo(price * 0.7, 1000) * 100, currency: 'IDR' } },
                { minQty: 500, price: { amount: roundTo(price * 0.6, 1000) * 100, currency: 'IDR' } },
              ],
              leadTimeDays: 30 + (index % 4) * 15,
              capacityPerMonth: 200 + (index % 5) * 100,
              incoterms: ['EXW', 'FOB'],
              portOfLoading: 'Benoa, Bali',
              sampleAvailable: true,
            }
          : null,
        stock: 1 + Math.floor(rand() * 40),
        variants,
      };
    });
  }
}
