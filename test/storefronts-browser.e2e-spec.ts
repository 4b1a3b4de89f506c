import { beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { expectAccessible, snap, useBrowserApp, VIEWPORTS } from './support/browser.js';
import { bearer, registerUser } from './support/test-app.js';

const picture = ([r, g, b]: readonly [number, number, number]) =>
  sharp({ create: { width: 1280, height: 960, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

describe('storefronts in a phone browser', () => {
  const t = useBrowserApp({ worker: false });
  let token: string;
  let sellerId: string;
  let slug: string;
  const images: string[] = [];
  const products: string[] = [];

  beforeAll(async () => {
    token = (await registerUser(t, 'artisan', 'Ni Wayan Gerabah')).token;
    const seller = await t
      .http()
      .post('/api/v1/sellers')
      .set(bearer(token))
      .send({
        name: 'Gerabah Pejaten Ni Wayan',
        regency: 'tabanan',
        district: 'Kediri',
        whatsapp: '+6281337000111',
        businessForm: 'individual',
        story: { id: 'Gerabah dan keramik Pejaten dibuat dengan tangan sejak tiga generasi.', en: 'Pejaten pottery and ceramics, handmade for three generations.' },
      });
    expect(seller.status).toBe(201);
    sellerId = seller.body.id;
    slug = seller.body.slug;
    for (const colour of [
      [180, 83, 9],
      [21, 128, 61],
      [30, 64, 175],
      [190, 18, 60],
    ] as const) {
      const upload = await t
        .http()
        .post(`/api/v1/sellers/${sellerId}/media`)
        .set(bearer(token))
        .attach('file', await picture(colour), 'foto.jpg');
      expect(upload.status).toBe(201);
      images.push(upload.body.id);
    }
    const [category] = await t.db.query(`SELECT slug FROM categories WHERE parent_slug IS NOT NULL ORDER BY slug LIMIT 1`);
    for (let i = 0; i < 6; i++) {
      const product = await t
        .http()
        .post(`/api/v1/sellers/${sellerId}/products`)
        .set(bearer(token))
        .send({
          title: { id: `Vas gerabah motif ${i + 1} dengan nama yang cukup panjang`, en: `Clay vase, pattern ${i + 1}` },
          description: { id: '<p>Dibakar dengan kayu.</p>' },
          categorySlug: category.slug,
          price: { amount: (125_000 + i * 10_000) * 100, currency: 'IDR' },
          stock: 10,
          status: 'active',
          images: [images[i % images.length]],
        });
      expect(product.status).toBe(201);
      products.push(product.body.id);
    }
  });

  it('shows each theme on a 360 px phone without JavaScript, nothing wider than the screen, and keeps a screenshot', async () => {
    const themes: Array<{ key: string }> = (await t.http().get('/api/v1/storefront-themes')).body;
    for (const theme of themes) {
      const saved = await t
        .http()
        .put(`/api/v1/sellers/${sellerId}/storefront`)
        .set(bearer(token))
        .send({
          theme: theme.key,
          settings: { primaryColor: '#b45309' },
          sections: [
            {
              id: 'hero',
              type: 'hero',
              settings: {
                image: images[0],
                heading: { id: 'Gerabah Pejaten', en: 'Pejaten pottery' },
                text: 'Tanah liat Tabanan, dibentuk dengan tangan.',
                buttonLabel: 'Lihat produk',
                buttonUrl: '#products',
              },
            },
            { id: 'products', type: 'product_grid', settings: { heading: 'Produk kami', count: 6 } },
            { id: 'featured', type: 'featured_product', settings: { product: products[0] } },
            { id: 'story', type: 'story', settings: { body: { id: '<p>Tiga generasi <strong>perajin</strong> gerabah.</p><p>Kami membakar dengan kayu.</p>' } } },
            { id: 'gallery', type: 'gallery', blocks: images.map((image, i) => ({ type: 'image', settings: { image, caption: `Proses ${i + 1}` } })) },
            { id: 'quotes', type: 'testimonials', blocks: [{ type: 'testimonial', settings: { quote: 'Vasnya cantik sekali dan dikemas dengan sangat aman.', author: 'Ayu', place: 'Jakarta' } }] },
            { id: 'where', type: 'location', settings: { address: 'Banjar Pejaten, Kediri, Tabanan' }, blocks: [{ type: 'hours', settings: { days: 'Senin–Sabtu', hours: '08.00–17.00' } }] },
            { id: 'contact', type: 'contact', settings: { whatsappMessage: 'Halo, saya mau tanya gerabah', email: 'wayan@example.test' } },
            { id: 'export', type: 'export_info', settings: { moq: '100 buah', incoterms: 'FOB Benoa', certifications: 'NIB' } },
          ],
        });
      expect(saved.status).toBe(200);
      expect((await t.http().post(`/api/v1/sellers/${sellerId}/storefront/publish`).set(bearer(token))).status).toBe(200);

      const context = await t.context('phone', { javaScriptEnabled: false });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
      const response = await page.goto(`${t.base}/s/${slug}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').first().textContent()).resolves.toContain('Gerabah Pejaten');
      expect(await page.locator('.sf-grid li').count()).toBe(6);
      expect(await page.locator('a.sf-whatsapp').getAttribute('href')).toBe('https://wa.me/6281337000111?text=Halo%2C%20saya%20mau%20tanya%20gerabah');
      const { overflow } = await snap(page, `storefront-${theme.key}-phone`);
      await expectAccessible(page, `storefront-${theme.key}-phone`);
      expect(overflow).toBe(0);
      await page.setViewportSize(VIEWPORTS.desktop.viewport);
      await page.goto(`${t.base}/s/${slug}?lang=en`);
      await expectAccessible(page, `storefront-${theme.key}-desktop-en`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
