import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp, type ViewportName } from './support/browser.js';
import { bearer, createStaffUser } from './support/test-app.js';

type Staff = Awaited<ReturnType<typeof createStaffUser>>;

/**
 * The staff side of the site as its people see it: a cooperative's admin and the platform admin,
 * on a phone in Indonesian and on a desktop in English. Every page passes axe and logs nothing wrong.
 */
describe('cooperative and admin pages in a browser', () => {
  const t = useBrowserApp({ worker: false });
  let admin: Staff;
  let coopAdmin: Staff;
  let coopId: string;

  beforeAll(async () => {
    admin = await createStaffUser(t, 'admin');
    const coop = await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Koperasi Perajin Ubud', regency: 'gianyar', registrationNumber: '11/BH/XXVII.1/2020' });
    expect(coop.status).toBe(201);
    coopId = coop.body.id;
    coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: coopId });
  });

  /** Opens each page, checks it answered, fits and passes axe, and that nothing failed along the way. */
  const visit = async (viewport: ViewportName, who: Staff, pages: Array<[path: string, heading: RegExp]>) => {
    const lang = viewport === 'phone' ? 'id' : 'en';
    const context = await t.context(viewport, { locale: lang === 'id' ? 'id-ID' : 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
    await signInAs(page, t.base, who, { open: `/login?lang=${lang}` });
    for (const [path, heading] of pages) {
      const response = await page.goto(`${t.base}${path}`);
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      expect((await page.textContent('h1'))?.trim()).toMatch(heading);
      const name = `staff${path.replace(/[^a-z0-9]+/g, '-')}-${viewport}`;
      if (viewport === 'phone') expect((await snap(page, name)).overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} (${viewport}, ${lang})`);
    }
    expect(problems).toEqual([]);
    await context.close();
  };

  it('shows a cooperative admin its dashboard and the cooperative balance on a phone in Indonesian', async () => {
    await visit('phone', coopAdmin, [
      ['/dashboard', /^Halo, Staff coop_admin$/],
      [`/dashboard/cooperatives/${coopId}/balance`, /^Saldo — Koperasi Perajin Ubud$/],
    ]);
  });

  it('shows a cooperative admin the same pages on a desktop in English', async () => {
    await visit('desktop', coopAdmin, [
      ['/dashboard', /^Hello, Staff coop_admin$/],
      [`/dashboard/cooperatives/${coopId}/balance`, /^Balance — Koperasi Perajin Ubud$/],
    ]);
  });

  it('shows the platform admin the payouts, transfers and dispute queue on a phone in Indonesian', async () => {
    await visit('phone', admin, [
      ['/dashboard/admin/payouts', /^Pencairan dana$/],
      ['/dashboard/admin/transfers', /^Transfer bank$/],
      ['/dashboard/disputes', /^Antrean komplain$/],
    ]);
  });

  it('shows the platform admin the same pages on a desktop in English', async () => {
    await visit('desktop', admin, [
      ['/dashboard/admin/payouts', /^Payouts$/],
      ['/dashboard/admin/transfers', /^Bank transfers$/],
      ['/dashboard/disputes', /^Dispute queue$/],
    ]);
  });
});
