import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { StockService } from '#libs/catalogue';
import { DbNotifications } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { DemoStorefrontsSeeder } from '../libs/storefronts/src/demo-storefronts.seeder.js';
import { executable } from './support/html.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

type Setting = { id: string; type: string; maxLength?: number };
type Theme = {
  key: string;
  name: { id: string };
  settings: Setting[];
  sections: Array<{ type: string; settings: Setting[]; blocks?: Array<{ type: string; settings: Setting[] }>; maxBlocks?: number }>;
};

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="javascript:alert(3)">klik</a>',
  '"><svg onload=alert(4)>',
  '{{constructor.constructor "alert(5)"}}{{> evil}}',
  '<p onclick="alert(6)">broken <b>html',
  "'><iframe src=javascript:alert(7)>",
];

describe('storefronts', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let stranger: Awaited<ReturnType<typeof registerUser>>;
  let sellerId: string;
  let otherSellerId: string;
  let productId: string;
  let otherProductId: string;
  let imageId: string;
  let otherImageId: string;
  let themes: Theme[];

  const insertSeller = async (ownerId: string, slug: string, name: string) => {
    const [row] = await t.db.query(`INSERT INTO sellers (owner_id, slug, name, regency, story, whatsapp) VALUES ($1, $2, $3, 'gianyar', $4, '+6281234567890') RETURNING id`, [
      ownerId,
      slug,
      name,
      JSON.stringify({ id: 'Kami menenun ikat di Sidemen sejak 1980.' }),
    ]);
    return row.id as string;
  };
  const insertImage = async (seller: string) => {
    const [row] = await t.db.query(
      `INSERT INTO media (seller_id, original_name, content_type, bytes, width, height, widths) VALUES ($1, 'foto.jpg', 'image/jpeg', 1000, 1280, 960, '{320,640,1280}') RETURNING id`,
      [seller],
    );
    return row.id as string;
  };
  const createProduct = async (token: string, seller: string, title: { id: string; en?: string }) => {
    const [category] = await t.db.query(`SELECT slug FROM categories ORDER BY slug LIMIT 1`);
    const response = await t
      .http()
      .post(`/api/v1/sellers/${seller}/products`)
      .set(bearer(token))
      .send({ title, description: { id: 'Kain tenun tangan.' }, categorySlug: category.slug, price: { amount: 15000000, currency: 'IDR' }, stock: 5, status: 'active' });
    if (response.status !== 201) throw new Error(`product: ${response.status} ${response.text}`);
    return response.body.id as string;
  };
  const put = (body: unknown, token = owner.token, id = sellerId) =>
    t
      .http()
      .put(`/api/v1/sellers/${id}/storefront`)
      .set(bearer(token))
      .send(body as object);
  const publish = (token = owner.token) => t.http().post(`/api/v1/sellers/${sellerId}/storefront/publish`).set(bearer(token));
  const page = (query = '') => t.http().get(`/s/tenun-sidemen${query}`).set('Accept', 'text/html');

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Ni Luh Putu');
    stranger = await registerUser(t, 'artisan', 'Orang Lain');
    sellerId = await insertSeller(owner.user.id, 'tenun-sidemen', 'Tenun Sidemen');
    otherSellerId = await insertSeller(stranger.user.id, 'ukir-mas', 'Ukir Mas');
    productId = await createProduct(owner.token, sellerId, { id: 'Kain endek merah', en: 'Red endek cloth' });
    otherProductId = await createProduct(stranger.token, otherSellerId, { id: 'Topeng kayu' });
    imageId = await insertImage(sellerId);
    otherImageId = await insertImage(otherSellerId);
    themes = (await t.http().get('/api/v1/storefront-themes')).body;
  });
  afterAll(() => t.close());

  it('lists at least three themes in the API shape, each with a hero heading and a story body', async () => {
    const response = await t.http().get('/api/v1/storefront-themes');
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThanOrEqual(3);
    expect(response.body.map((theme: Theme) => theme.key)).toEqual(expect.arrayContaining(['minimal', 'warm-craft', 'bold-fashion']));
    for (const theme of response.body as Theme[]) {
      expect(Object.keys(theme).sort()).toEqual(['key', 'name', 'sections', 'settings']);
      expect(typeof theme.name.id).toBe('string');
      expect(theme.settings).toContainEqual(expect.objectContaining({ id: 'primaryColor', type: 'color' }));
      const hero = theme.sections.find((s) => s.type === 'hero');
      const story = theme.sections.find((s) => s.type === 'story');
      expect(hero?.settings).toContainEqual(expect.objectContaining({ id: 'heading', type: 'text' }));
      expect(story?.settings).toContainEqual(expect.objectContaining({ id: 'body', type: 'richtext' }));
      for (const section of theme.sections) {
        expect(Object.keys(section).every((key) => ['type', 'name', 'settings', 'blocks', 'maxBlocks'].includes(key))).toBe(true);
        for (const setting of [...section.settings, ...(section.blocks ?? []).flatMap((b) => b.settings)]) {
          expect(['text', 'richtext', 'image', 'color', 'select', 'range', 'url', 'checkbox', 'product', 'products', 'category']).toContain(setting.type);
        }
      }
    }
  });

  it('starts from a default draft and shows nothing publicly before the first publish', async () => {
    const state = await t.http().get(`/api/v1/sellers/${sellerId}/storefront`).set(bearer(owner.token));
    expect(state.status).toBe(200);
    expect(state.body.published).toBeNull();
    expect(state.body.publishedVersion).toBeNull();
    expect(state.body.draft.sections[0]).toMatchObject({ type: 'hero', settings: { heading: 'Tenun Sidemen' } });
    expect(state.body.draft.sections.map((s: { type: string }) => s.type)).toEqual(expect.arrayContaining(['story', 'product_grid']));
    expect((await page()).status).toBe(404);
  });

  it('saves, publishes and renders the sections; the next draft stays private until published', async () => {
    const saved = await put({
      theme: 'warm-craft',
      settings: { primaryColor: '#7C2D12', paper: 'linen' },
      sections: [
        { id: 'hero', type: 'hero', settings: { image: imageId, heading: { id: 'Tenun ikat dari Sidemen', en: 'Ikat weaving from Sidemen' }, buttonLabel: 'Belanja', buttonUrl: '#products' } },
        { id: 'story', type: 'story', settings: { body: { id: '<p>Tiga <strong>generasi</strong> penenun.</p>' } } },
        { id: 'products', type: 'product_grid', settings: { source: 'chosen', products: [productId], count: 4 } },
        { id: 'featured', type: 'featured_product', settings: { product: productId } },
        { id: 'kata-pembeli', type: 'testimonials', blocks: [{ type: 'testimonial', settings: { quote: 'Kainnya halus sekali', author: 'Sarah', place: 'Melbourne' } }] },
        { id: 'galeri', type: 'gallery', blocks: [{ type: 'image', settings: { image: imageId, caption: 'Alat tenun' } }] },
        { id: 'lokasi', type: 'location', settings: { address: 'Jl. Raya Sidemen 12, Karangasem' }, blocks: [{ type: 'hours', settings: { days: 'Senin–Sabtu', hours: '08.00–17.00' } }] },
        { id: 'kontak', type: 'contact', settings: { whatsappMessage: 'Halo, saya mau pesan', email: 'putu@example.test' } },
        { id: 'ekspor', type: 'export_info', settings: { moq: '50 lembar', certifications: 'SVLK' } },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draft.settings.primaryColor).toBe('#7c2d12');
    expect(saved.body.published).toBeNull();
    expect((await page()).status).toBe(404);

    const published = await publish();
    expect(published.status).toBe(200);
    expect(published.body).toEqual({ version: 1 });

    const html = await page();
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.text).toContain('Tenun ikat dari Sidemen');
    expect(html.text).toContain('Tiga <strong>generasi</strong> penenun.');
    expect(html.text).toContain('Kain endek merah');
    expect(html.text).toContain('Kainnya halus sekali');
    expect(html.text).toContain('Jl. Raya Sidemen 12, Karangasem');
    expect(html.text).toContain('https://wa.me/6281234567890?text&#x3D;Halo%2C%20saya%20mau%20pesan');
    expect(html.text).toContain('mailto:putu@example.test');
    expect(html.text).toContain('50 lembar');
    expect(html.text).toContain(`srcset="/media/${imageId}/320.webp 320w, /media/${imageId}/640.webp 640w, /media/${imageId}/1280.webp 1280w"`);
    expect(html.text).toContain('--sf-primary:#7c2d12');
    expect(html.text).toContain('sf-paper-linen');
    expect(html.text).toMatch(/<link rel="canonical" href="http[^"]+\/s\/tenun-sidemen">/);
    expect(html.text).toContain('<meta property="og:title" content="Tenun Sidemen · Pasar Kerthi">');
    const jsonLd = [...html.text.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
    expect(jsonLd).toContainEqual(expect.objectContaining({ '@type': 'Organization', name: 'Tenun Sidemen' }));
    expect(jsonLd).toContainEqual(expect.objectContaining({ '@type': 'Product', name: 'Kain endek merah', offers: expect.objectContaining({ price: '150000.00', priceCurrency: 'IDR' }) }));
    expect(executable(html.text)).toEqual([]);

    const english = await page('?lang=en');
    expect(english.text).toContain('Ikat weaving from Sidemen');
    expect(english.text).toContain('Red endek cloth');
    // The story and the testimonial have no English: the page says so.
    expect(english.text).toContain('only available in Indonesian');

    // A new draft is not public; its preview is for the seller's managers only.
    expect((await put({ theme: 'minimal', sections: [{ id: 'hero', type: 'hero', settings: { heading: 'Draf baru yang rahasia' } }] })).status).toBe(200);
    expect((await page()).text).not.toContain('Draf baru yang rahasia');
    const preview = await page('?preview=1').set(bearer(owner.token));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Draf baru yang rahasia');
    expect(preview.headers['cache-control']).toContain('no-store');
    expect((await page('?preview=1').set(bearer(stranger.token))).status).toBe(404);
    expect((await page('?preview=1')).status).toBe(404);
  });

  it('rolls back by republishing an old version as a new one', async () => {
    await put({
      theme: 'bold-fashion',
      settings: { primaryColor: '#111111', accentColor: '#e11d48' },
      sections: [{ id: 'hero', type: 'hero', settings: { heading: 'Koleksi musim hujan', overlay: 30 } }],
    });
    const second = await publish();
    expect(second.body.version).toBeGreaterThan(1);
    expect((await page()).text).toContain('Koleksi musim hujan');

    const rollback = await t.http().post(`/api/v1/sellers/${sellerId}/storefront/rollback`).set(bearer(owner.token)).send({ version: 1 });
    expect(rollback.status).toBe(200);
    expect(rollback.body.version).toBe(second.body.version + 1);
    const html = (await page()).text;
    expect(html).toContain('Tenun ikat dari Sidemen');
    expect(html).not.toContain('Koleksi musim hujan');

    const versions = await t.http().get(`/api/v1/sellers/${sellerId}/storefront/versions`).set(bearer(owner.token));
    expect(versions.status).toBe(200);
    expect(versions.body.items[0]).toMatchObject({ version: rollback.body.version, restoredFrom: 1, live: true, theme: 'warm-craft' });
    expect(versions.body.total).toBe(rollback.body.version);
    const state = await t.http().get(`/api/v1/sellers/${sellerId}/storefront`).set(bearer(owner.token));
    expect(state.body.publishedVersion).toBe(rollback.body.version);
    expect(state.body.published.sections[0].settings.heading).toEqual({ id: 'Tenun ikat dari Sidemen', en: 'Ikat weaving from Sidemen' });
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/storefront/rollback`).set(bearer(owner.token)).send({ version: 999 })).status).toBe(404);
  });

  it('refuses invalid values with 422 naming the path of the bad value', async () => {
    const hero = (settings: Record<string, unknown>) => ({ theme: 'minimal', sections: [{ id: 'hero', type: 'hero', settings }] });
    const cases: Array<[unknown, string]> = [
      [{ theme: 'minimal', settings: { primaryColor: 'red' }, sections: [] }, 'settings.primaryColor'],
      [{ theme: 'minimal', settings: { primaryColor: '#12345' }, sections: [] }, 'settings.primaryColor'],
      [{ theme: 'minimal', sections: Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, type: 'story', settings: {} })) }, 'sections'],
      [{ theme: 'minimal', sections: [{ id: 'Bad Id!', type: 'hero', settings: {} }] }, 'sections[0].id'],
      [
        {
          theme: 'minimal',
          sections: [
            { id: 'a', type: 'hero', settings: {} },
            { id: 'a', type: 'story', settings: {} },
          ],
        },
        'sections[1].id',
      ],
      [hero({ buttonUrl: 'javascript:alert(1)' }), 'sections[0].settings.buttonUrl'],
      [hero({ buttonUrl: '//evil.example/x' }), 'sections[0].settings.buttonUrl'],
      [hero({ buttonUrl: 'http://plain.example' }), 'sections[0].settings.buttonUrl'],
      [hero({ image: otherImageId }), 'sections[0].settings.image'],
      [hero({ image: randomUUID() }), 'sections[0].settings.image'],
      [hero({ heading: 'x'.repeat(121) }), 'sections[0].settings.heading'],
      [hero({ heading: { id: 'ok', en: 'y'.repeat(121) } }), 'sections[0].settings.heading.en'],
      [hero({ heading: 42 }), 'sections[0].settings.heading'],
      [hero({ nope: 'x' }), 'sections[0].settings.nope'],
      [
        {
          theme: 'minimal',
          sections: [
            { id: 'hero', type: 'hero', settings: {} },
            { id: 'grid', type: 'product_grid', settings: { products: [productId, otherProductId] } },
          ],
        },
        'sections[1].settings.products[1]',
      ],
      [{ theme: 'minimal', sections: [{ id: 'f', type: 'featured_product', settings: { product: otherProductId } }] }, 'sections[0].settings.product'],
      [{ theme: 'minimal', sections: [{ id: 'g', type: 'product_grid', settings: { count: 99 } }] }, 'sections[0].settings.count'],
      [{ theme: 'minimal', sections: [{ id: 'g', type: 'product_grid', settings: { source: 'everything' } }] }, 'sections[0].settings.source'],
      [{ theme: 'minimal', sections: [{ id: 'g', type: 'product_grid', settings: { category: 'no-such-category' } }] }, 'sections[0].settings.category'],
      [{ theme: 'minimal', sections: [{ id: 'l', type: 'location', settings: { visitors: 'yes' } }] }, 'sections[0].settings.visitors'],
      [{ theme: 'minimal', sections: [{ id: 't', type: 'testimonials', settings: {}, blocks: Array.from({ length: 17 }, () => ({ type: 'testimonial', settings: {} })) }] }, 'sections[0].blocks'],
      [
        { theme: 'minimal', sections: [{ id: 't', type: 'testimonials', settings: {}, blocks: [{ type: 'testimonial', settings: { quote: { en: 'no id' } } }] }] },
        'sections[0].blocks[0].settings.quote',
      ],
      [{ theme: 'minimal', sections: [{ id: 'x', type: 'marquee', settings: {} }] }, 'sections[0].type'],
      [{ theme: 'no-such-theme', sections: [] }, 'theme'],
      // Over the page's 64 KB in fields each under the 20,000 characters any one field may hold.
      [{ theme: 'minimal', sections: Array.from({ length: 4 }, (_, i) => ({ id: `s${i}`, type: 'story', settings: { body: 'x'.repeat(19_000) } })) }, 'sections'],
      [{ theme: 'minimal', sections: [{ id: 's', type: 'story', settings: { body: 'x'.repeat(70_000) } }] }, 'sections[0].settings.body'],
      [{ theme: 'minimal', sections: {} }, 'sections'],
    ];
    for (const [body, field] of cases) {
      const response = await put(body);
      expect({ field, status: response.status }).toEqual({ field, status: 422 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('lets only the seller’s managers read, save and publish', async () => {
    const body = { theme: 'minimal', sections: [] };
    expect((await put(body, stranger.token)).status).toBe(403);
    expect((await t.http().put(`/api/v1/sellers/${sellerId}/storefront`).send(body)).status).toBe(401);
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/storefront`).set(bearer(stranger.token))).status).toBe(403);
    expect((await publish(stranger.token)).status).toBe(403);
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/storefront/versions`).set(bearer(stranger.token))).status).toBe(403);
    expect((await put(body, owner.token, randomUUID())).status).toBe(404);
    expect((await put(body, owner.token, 'not-a-uuid')).status).toBeGreaterThanOrEqual(400);
  });

  it('renders an XSS corpus in every text and rich-text setting of every theme inert', async () => {
    const payload = (i: number) => XSS[i % XSS.length]!;
    for (const theme of themes) {
      let n = 0;
      // Cut to the setting's length limit: a cut payload is broken HTML, also in the corpus.
      const fill = (settings: Setting[]) =>
        Object.fromEntries(settings.filter((s) => s.type === 'text' || s.type === 'richtext').map((s) => [s.id, { id: payload(n++).slice(0, s.maxLength), en: payload(n++).slice(0, s.maxLength) }]));
      const sections = theme.sections.map((section) => ({
        id: section.type.replace(/_/g, '-'),
        type: section.type,
        settings: { ...fill(section.settings), ...(section.type === 'featured_product' ? { product: productId } : {}) },
        ...(section.blocks ? { blocks: section.blocks.map((block) => ({ type: block.type, settings: { ...fill(block.settings), ...(block.type === 'image' ? { image: imageId } : {}) } })) } : {}),
      }));
      const saved = await put({ theme: theme.key, sections });
      expect({ theme: theme.key, status: saved.status, errors: saved.body.errors }).toEqual({ theme: theme.key, status: 200, errors: undefined });
      expect((await publish()).status).toBe(200);
      for (const lang of ['id', 'en']) {
        const html = (await page(`?lang=${lang}`)).text;
        if (lang === 'id') expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;'); // a text setting is shown, escaped
        expect(executable(html)).toEqual([]);
        expect(html).not.toMatch(/<script>alert/);
        expect(html).not.toMatch(/<svg/i);
      }
    }
  });

  it('edits, reorders, publishes and rolls back through the editor pages without JavaScript', async () => {
    const browser = request.agent(t.app.getHttpServer());
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const login = await browser.get('/login');
    expect(
      (
        await browser
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(login.text), email: owner.email, password: owner.password, next: '/' })
      ).status,
    ).toBe(303);
    const editorUrl = `/dashboard/sellers/${sellerId}/storefront`;
    const open = async () => {
      const response = await browser.get(editorUrl).set('Accept', 'text/html');
      expect(response.status).toBe(200);
      return response;
    };
    let editor = await open();
    let csrf = csrfOf(editor.text);

    // A fresh start in the minimal theme, with a hero, a testimonial section and a story.
    expect(
      (
        await browser
          .post(`${editorUrl}/theme`)
          .type('form')
          .send({ _csrf: csrf, theme: 'minimal', t: { primaryColor: '#1d4ed8', font: 'serif' } })
      ).status,
    ).toBe(303);
    await open();
    for (const section of (await t.http().get(`/api/v1/sellers/${sellerId}/storefront`).set(bearer(owner.token))).body.draft.sections) {
      expect((await browser.post(`${editorUrl}/sections/${section.id}`).type('form').send({ _csrf: csrf, op: 'remove' })).status).toBe(303);
    }
    for (const type of ['hero', 'testimonials', 'story']) {
      expect((await browser.post(`${editorUrl}/sections`).type('form').send({ _csrf: csrf, type })).status).toBe(303);
    }
    const saveHero = await browser
      .post(`${editorUrl}/sections/hero`)
      .type('form')
      .send({ _csrf: csrf, op: 'save', s: { heading: { id: 'Dari editor', en: 'From the editor' }, buttonLabel: { id: 'Lihat', en: '' }, buttonUrl: '/s/tenun-sidemen#story' } });
    expect(saveHero.status).toBe(303);
    expect(saveHero.headers.location).toBe(`${editorUrl}?saved=1#section-hero`);
    expect((await browser.post(`${editorUrl}/sections/testimonials`).type('form').send({ _csrf: csrf, op: 'addBlock:testimonial' })).status).toBe(303);
    expect(
      (
        await browser
          .post(`${editorUrl}/sections/testimonials`)
          .type('form')
          .send(`_csrf=${encodeURIComponent(csrf)}&op=save&b[0][type]=testimonial&b[0][s][quote][id]=Bagus+sekali&b[0][s][author][id]=Wayan`)
      ).status,
    ).toBe(303);
    expect(
      (
        await browser
          .post(`${editorUrl}/sections/story`)
          .type('form')
          .send({ _csrf: csrf, op: 'up', s: { body: { id: '<p>Cerita dari editor</p>' } } })
      ).status,
    ).toBe(303);

    const draft = (await t.http().get(`/api/v1/sellers/${sellerId}/storefront`).set(bearer(owner.token))).body.draft;
    expect(draft.theme).toBe('minimal');
    expect(draft.settings).toEqual({ primaryColor: '#1d4ed8', font: 'serif' });
    expect(draft.sections.map((s: { id: string }) => s.id)).toEqual(['hero', 'story', 'testimonials']);
    expect(draft.sections[2].blocks).toEqual([{ type: 'testimonial', settings: { quote: { id: 'Bagus sekali' }, author: { id: 'Wayan' } } }]);

    // A bad value comes back as the page with the reason, and nothing is saved.
    editor = await browser
      .post(`${editorUrl}/sections/hero`)
      .type('form')
      .send({ _csrf: csrf, op: 'save', s: { buttonUrl: 'javascript:alert(1)' } })
      .set('Accept', 'text/html');
    expect(editor.status).toBe(422);
    expect(editor.text).toContain('sections[0].settings.buttonUrl');
    expect(editor.text).toContain('value="javascript:alert(1)"');

    editor = await open();
    csrf = csrfOf(editor.text);
    expect(editor.text).toContain('Dari editor');
    expect(editor.text).toContain('name="s[heading][en]" value="From the editor"');
    expect(editor.text).toContain(`href="/s/tenun-sidemen?preview=1"`);
    const published = await browser.post(`${editorUrl}/publish`).type('form').send({ _csrf: csrf });
    expect(published.status).toBe(303);
    const live = (await page()).text;
    expect(live).toContain('Dari editor');
    expect(live.indexOf('Cerita dari editor')).toBeLessThan(live.indexOf('Bagus sekali'));
    expect(live).toContain('sf-font-serif');

    editor = await open();
    expect(editor.text).toContain('name="version" value="1"');
    expect(
      (
        await browser
          .post(`${editorUrl}/rollback`)
          .type('form')
          .send({ _csrf: csrfOf(editor.text), version: '1' })
      ).status,
    ).toBe(303);
    expect((await page()).text).toContain('Tenun ikat dari Sidemen');

    // Another artisan's session cannot open it.
    const other = request.agent(t.app.getHttpServer());
    const otherLogin = await other.get('/login');
    await other
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(otherLogin.text), email: stranger.email, password: stranger.password, next: '/' });
    expect((await other.get(editorUrl).set('Accept', 'text/html')).status).toBe(403);
  });

  it('publishes demo storefronts for sellers without one, and only once', async () => {
    expect((await t.http().get('/s/ukir-mas').set('Accept', 'text/html')).status).toBe(404);
    const seeder = t.app.get(DemoStorefrontsSeeder);
    await seeder.seed();
    await seeder.seed();
    const html = await t.http().get('/s/ukir-mas').set('Accept', 'text/html');
    expect(html.status).toBe(200);
    expect(html.text).toContain('Ukir Mas');
    expect(html.text).toContain('Topeng kayu');
    expect(executable(html.text)).toEqual([]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM storefront_versions WHERE seller_id = $1`, [otherSellerId]);
    expect(count).toBe(1);
  });

  it('sends the published page compressed, and a body-less 304 to a browser that has it until something changes', async () => {
    const plain = await page();
    expect(plain.status).toBe(200);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^W\/"sf-/);
    expect(plain.headers['content-encoding']).toBe('gzip');
    // The client decodes what it asked for: the same page, in Brotli.
    const brotli = await page().set('Accept-Encoding', 'br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.text).toBe(plain.text);
    const again = await page().set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    // The page's stamp is held in memory while database notices are heard; a change made through
    // a service (here a stock correction, without HTTP) makes a new page with a new validator at once.
    expect(t.app.get(DbNotifications).isListening).toBe(true);
    await t.db.transaction((manager) => t.app.get(StockService).adjust(manager, { productId, delta: 1 }, owner.user.id, 'recount'));
    const changed = await page().set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('hides the storefront of a suspended seller', async () => {
    expect((await page()).status).toBe(200);
    // As curation suspends and reinstates (SellersService.setSuspension in its transaction).
    await t.db.transaction((manager) => t.app.get(SellersService).setSuspension(manager, sellerId, 'test'));
    expect((await page()).status).toBe(404);
    expect((await page('?preview=1').set(bearer(owner.token))).status).toBe(404);
    await t.db.transaction((manager) => t.app.get(SellersService).setSuspension(manager, sellerId, null));
    expect((await page()).status).toBe(200);
    expect((await t.http().get('/s/no-such-shop').set('Accept', 'text/html')).status).toBe(404);
  });
});
