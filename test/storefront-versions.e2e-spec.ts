import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

type Version = { version: number; theme: string; live: boolean; restoredFrom: number | null };

describe('storefront versions: only the last 50 are kept, listed without documents', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let sellerId: string;

  const api = (path: string) => `/api/v1/sellers/${sellerId}/storefront${path}`;
  const list = async () => {
    const response = await t.http().get(api('/versions?perPage=100')).set(bearer(owner.token));
    expect(response.status).toBe(200);
    return response.body as { items: Version[]; total: number };
  };
  const stored = async () => (await t.db.query(`SELECT version FROM storefront_versions WHERE seller_id = $1 ORDER BY version`, [sellerId])).map((row: { version: number }) => row.version) as number[];

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Made Tenun');
    const [row] = await t.db.query(`INSERT INTO sellers (owner_id, slug, name, regency) VALUES ($1, 'tenun-versi', 'Tenun Versi', 'klungkung') RETURNING id`, [owner.user.id]);
    sellerId = row.id;
  });
  afterAll(() => t.close());

  it('keeps the newest 50 of 55 publishes and lists them without their documents', async () => {
    for (let n = 1; n <= 55; n++) {
      const published = await t.http().post(api('/publish')).set(bearer(owner.token));
      expect(published.status).toBe(200);
      expect(published.body.version).toBe(n);
    }
    const { items, total } = await list();
    expect(total).toBe(50);
    expect(items.map((v) => v.version)).toEqual(Array.from({ length: 50 }, (_, i) => 55 - i));
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['live', 'publishedAt', 'publishedBy', 'restoredFrom', 'theme', 'version']);
    expect(items[0]).toMatchObject({ version: 55, live: true, theme: expect.any(String) });
    expect(items.filter((v) => v.live)).toHaveLength(1);
    expect(await stored()).toEqual(Array.from({ length: 50 }, (_, i) => i + 6));
    expect((await t.http().get(api('')).set(bearer(owner.token))).body.publishedVersion).toBe(55);
  });

  it('answers 404 naming a pruned version, and rolls back to the oldest kept one as version 56', async () => {
    const pruned = await t.http().post(api('/rollback')).set(bearer(owner.token)).send({ version: 5 });
    expect(pruned.status).toBe(404);
    expect(pruned.body.detail).toContain('Storefront version 5');
    expect(await stored()).toHaveLength(50);

    const restored = await t.http().post(api('/rollback')).set(bearer(owner.token)).send({ version: 6 });
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(56);
    const { items } = await list();
    expect(items).toHaveLength(50);
    expect(items[0]).toMatchObject({ version: 56, restoredFrom: 6, live: true });
    expect(await stored()).toEqual(Array.from({ length: 50 }, (_, i) => i + 7));
  });

  it('says on the editor page, in Indonesian and in English, that only the last 50 are kept', async () => {
    const page = (lang: string) => t.http().get(`/dashboard/sellers/${sellerId}/storefront?lang=${lang}`).set(bearer(owner.token)).set('Accept', 'text/html');
    const indonesian = await page('id');
    expect(indonesian.status).toBe(200);
    expect(indonesian.text).toContain('Hanya 50 versi terakhir yang disimpan');
    expect(indonesian.text.match(/name="version" value="\d+"/g)).toHaveLength(49);
    expect((await page('en')).text).toContain('Only the last 50 versions are kept');
  });
});
