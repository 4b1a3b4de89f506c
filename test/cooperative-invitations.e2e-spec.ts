import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { clearJobs, jobs as queuedJobs, TASKS } from './support/jobs.js';

type Staff = Awaited<ReturnType<typeof createStaffUser>>;
type Artisan = Awaited<ReturnType<typeof registerUser>>;

/**
 * A cooperative's admin tries to take over an independent seller: adding it directly, acting on
 * it while an invitation waits or after it was declined or the seller left, accepting on the
 * owner's behalf. Only the owner's yes gives access, and every membership decision is audited.
 * A seller's regency, which decides which curator oversees it, moves only through a curator.
 */
describe('cooperative invitations: no takeover without the owner’s consent', () => {
  let t: TestApp;
  let admin: Staff;
  let coopAdmin: Staff;
  let otherCoopAdmin: Staff;
  let owner: Artisan;
  let coopId: string;
  let otherCoopId: string;
  let sellerId: string;
  let productId: string;
  let storefrontDraft: object;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    admin = await createStaffUser(t, 'admin');
    const coop = async (name: string, registrationNumber: string) => {
      const res = await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name, regency: 'gianyar', registrationNumber });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    coopId = await coop('Koperasi Perajin Ubud', '11/BH/XXVII.1/2020');
    otherCoopId = await coop('Koperasi Lain Sukawati', '12/BH/XXVII.1/2020');
    coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: coopId });
    otherCoopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: otherCoopId });
    owner = await registerUser(t, 'artisan', 'Ni Wayan Pemilik');
    const seller = await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name: 'Ukiran Kayu Mas Mandiri', regency: 'gianyar', businessForm: 'individual' });
    expect(seller.status).toBe(201);
    sellerId = seller.body.id;
    const product = await t.http().post(`/api/v1/sellers/${sellerId}/products`).set(bearer(owner.token)).send(productBody('Topeng Barong'));
    expect(product.status).toBe(201);
    productId = product.body.id;
    storefrontDraft = (await t.http().get(`/api/v1/sellers/${sellerId}/storefront`).set(bearer(owner.token))).body.draft;
  });
  afterAll(() => t.close());

  function productBody(title: string) {
    return { title: { id: title }, description: { id: 'Ukiran tangan' }, categorySlug: 'endek', price: { amount: 5_000_000, currency: 'IDR' }, stock: 3 };
  }

  /** Every seller-management route a coop_admin could call, with the status each answered. */
  async function management(token: string): Promise<Record<string, number>> {
    const as = (req: import('supertest').Test) => req.set(bearer(token));
    return {
      'PATCH /sellers/:id': (await as(t.http().patch(`/api/v1/sellers/${sellerId}`)).send({ name: 'Diambil Alih Koperasi' })).status,
      'POST /sellers/:id/products': (await as(t.http().post(`/api/v1/sellers/${sellerId}/products`)).send(productBody('Produk Koperasi'))).status,
      'PATCH /products/:id': (await as(t.http().patch(`/api/v1/products/${productId}`)).send({ stock: 1 })).status,
      'GET /sellers/:id/storefront': (await as(t.http().get(`/api/v1/sellers/${sellerId}/storefront`))).status,
      'PUT /sellers/:id/storefront': (await as(t.http().put(`/api/v1/sellers/${sellerId}/storefront`)).send(storefrontDraft)).status,
      'POST /sellers/:id/storefront/publish': (await as(t.http().post(`/api/v1/sellers/${sellerId}/storefront/publish`))).status,
      'GET /sellers/:id/orders': (await as(t.http().get(`/api/v1/sellers/${sellerId}/orders`))).status,
      'GET /sellers/:id/documents': (await as(t.http().get(`/api/v1/sellers/${sellerId}/documents`))).status,
    };
  }

  function expectRefusedEverywhere(statuses: Record<string, number>) {
    const allowed = Object.entries(statuses).filter(([, status]) => ![403, 404].includes(status));
    expect(allowed).toEqual([]);
  }

  const sellerView = async () => (await t.http().get(`/api/v1/sellers/${sellerId}`).set(bearer(owner.token))).body;
  const invite = (token: string, cooperative = coopId, id = sellerId) => t.http().post(`/api/v1/cooperatives/${cooperative}/invitations`).set(bearer(token)).send({ sellerId: id });
  const decide = (token: string, invitationId: string, what: 'accept' | 'decline') => t.http().post(`/api/v1/cooperative-invitations/${invitationId}/${what}`).set(bearer(token));
  const auditOf = async () => (await t.http().get(`/api/v1/curation/audit-log?perPage=100&subjectId=${sellerId}`).set(bearer(admin.token))).body.items as Array<Record<string, any>>;

  it('refuses a coop admin’s direct add, telling it to invite, and leaves the seller untouched', async () => {
    const direct = await t.http().post(`/api/v1/cooperatives/${coopId}/members`).set(bearer(coopAdmin.token)).send({ sellerId });
    expect(direct.status).toBe(403);
    expect(direct.body.detail).toMatch(/invitation/);
    expect((await t.http().post(`/api/v1/cooperatives/${coopId}/members`).set(bearer(admin.token)).send({ sellerId })).status).toBe(403);
    // Nor through PATCH: the cooperative is not a field of the seller.
    expect((await t.http().patch(`/api/v1/sellers/${sellerId}`).set(bearer(coopAdmin.token)).send({ cooperativeId: coopId })).status).toBe(422);
    expect((await t.http().patch(`/api/v1/sellers/${sellerId}`).set(bearer(owner.token)).send({ cooperativeId: coopId })).status).toBe(422);

    expect(await sellerView()).toMatchObject({ cooperativeId: null, name: 'Ukiran Kayu Mas Mandiri' });
    expect((await t.http().get(`/api/v1/cooperatives/${coopId}`)).body.memberCount).toBe(0);
    expectRefusedEverywhere(await management(coopAdmin.token));
    expect(await sellerView()).toMatchObject({ cooperativeId: null, name: 'Ukiran Kayu Mas Mandiri' });
  });

  it('lets only the cooperative’s admin invite, once, and notifies the owner; the invitation alone grants nothing', async () => {
    const buyer = await registerUser(t, 'buyer');
    expect((await invite(buyer.token)).status).toBe(403);
    expect((await invite(owner.token)).status).toBe(403);
    expect((await invite(otherCoopAdmin.token)).status).toBe(403);
    expect((await invite(coopAdmin.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await invite(coopAdmin.token, coopId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const badId = await invite(coopAdmin.token, coopId, 'not-a-uuid');
    expect(badId.status).toBe(422);
    expect(badId.body.errors.map((e: { field: string }) => e.field)).toEqual(['sellerId']);

    const invited = await invite(coopAdmin.token);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ status: 'pending', cooperativeId: coopId, sellerId, cooperative: { name: 'Koperasi Perajin Ubud' }, invitedBy: coopAdmin.user.id });
    const again = await invite(coopAdmin.token);
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'sellerId', message: 'already has a pending invitation' }]);
    expect(again.body.detail).toContain(sellerId);

    const notices = (await queuedJobs(t, { task: 'notify' })).filter((job) => job.payload.userId === owner.user.id).map(({ payload }) => ({ payload }));
    expect(notices).toEqual([{ payload: { userId: owner.user.id, kind: 'cooperative.invited', params: { invitationId: invited.body.id, cooperativeId: coopId, asSeller: true } } }]);

    // The owner sees it with the cooperative's name; nobody else reads the seller's invitations.
    const mine = await t.http().get(`/api/v1/sellers/${sellerId}/cooperative-invitations`).set(bearer(owner.token));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: invited.body.id, cooperative: { name: 'Koperasi Perajin Ubud' } }] });
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/cooperative-invitations`).set(bearer(coopAdmin.token))).status).toBe(403);
    const coopList = await t.http().get(`/api/v1/cooperatives/${coopId}/invitations?status=pending`).set(bearer(coopAdmin.token));
    expect(coopList.body.items.map((i: { id: string }) => i.id)).toEqual([invited.body.id]);
    expect((await t.http().get(`/api/v1/cooperatives/${coopId}/invitations`).set(bearer(otherCoopAdmin.token))).status).toBe(403);

    // Pending is not consent.
    expectRefusedEverywhere(await management(coopAdmin.token));
    expect(await sellerView()).toMatchObject({ cooperativeId: null, name: 'Ukiran Kayu Mas Mandiri' });
  });

  it('lets nobody but the owner accept or decline, and a decline leaves the cooperative without access', async () => {
    const [pending] = (await t.http().get(`/api/v1/sellers/${sellerId}/cooperative-invitations`).set(bearer(owner.token))).body.items;
    const stranger = await registerUser(t, 'artisan');
    const buyer = await registerUser(t, 'buyer');
    for (const what of ['accept', 'decline'] as const) {
      // The inviting cooperative knows the invitation exists (403); anyone else learns nothing (404).
      expect((await decide(coopAdmin.token, pending.id, what)).status).toBe(403);
      expect((await decide(admin.token, pending.id, what)).status).toBe(403);
      for (const token of [stranger.token, buyer.token, otherCoopAdmin.token]) expect((await decide(token, pending.id, what)).status).toBe(404);
      expect((await decide(owner.token, '00000000-0000-4000-8000-000000000000', what)).status).toBe(404);
    }
    expect(await sellerView()).toMatchObject({ cooperativeId: null });

    const declined = await decide(owner.token, pending.id, 'decline');
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ id: pending.id, status: 'declined', decidedBy: owner.user.id });
    expect((await decide(owner.token, pending.id, 'accept')).status).toBe(409);
    expectRefusedEverywhere(await management(coopAdmin.token));
    expect(await sellerView()).toMatchObject({ cooperativeId: null, name: 'Ukiran Kayu Mas Mandiri' });
  });

  it('gives the coop admin access once the owner accepts, and takes it away when the owner leaves', async () => {
    const invited = await invite(coopAdmin.token);
    expect(invited.status).toBe(201);
    const rival = await invite(otherCoopAdmin.token, otherCoopId);
    expect(rival.status).toBe(201);

    const accepted = await decide(owner.token, invited.body.id, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: owner.user.id });
    expect(await sellerView()).toMatchObject({ cooperativeId: coopId, cooperative: { id: coopId } });
    // The rival invitation is moot now: it was cancelled, and a member cannot be invited again.
    expect((await decide(owner.token, rival.body.id, 'accept')).status).toBe(409);
    expect((await t.http().get(`/api/v1/cooperatives/${otherCoopId}/invitations`).set(bearer(otherCoopAdmin.token))).body.items[0]).toMatchObject({ id: rival.body.id, status: 'cancelled' });
    const member = await invite(otherCoopAdmin.token, otherCoopId);
    expect(member.status).toBe(409);
    expect(member.body.errors).toEqual([{ field: 'sellerId', message: 'is in another cooperative' }]);
    expect((await t.http().post(`/api/v1/cooperatives/${otherCoopId}/members`).set(bearer(owner.token)).send({ sellerId })).status).toBe(409);

    const granted = await management(coopAdmin.token);
    expect(Object.entries(granted).filter(([, status]) => ![200, 201].includes(status))).toEqual([]);
    expectRefusedEverywhere(await management(otherCoopAdmin.token));

    // Leaving is the owner's act alone.
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/leave-cooperative`).set(bearer(coopAdmin.token))).status).toBe(403);
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/leave-cooperative`).set(bearer(otherCoopAdmin.token))).status).toBe(403);
    expect(await sellerView()).toMatchObject({ cooperativeId: coopId });
    const left = await t.http().post(`/api/v1/sellers/${sellerId}/leave-cooperative`).set(bearer(owner.token));
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ id: sellerId, cooperativeId: null, cooperative: null });
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/leave-cooperative`).set(bearer(owner.token))).status).toBe(409);
    expectRefusedEverywhere(await management(coopAdmin.token));
  });

  it('lets the owner join directly, and writes every join, decline and leave to the audit log', async () => {
    const joined = await t.http().post(`/api/v1/cooperatives/${otherCoopId}/members`).set(bearer(owner.token)).send({ sellerId });
    expect(joined.status).toBe(201);
    expect(joined.body.cooperativeId).toBe(otherCoopId);
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/leave-cooperative`).set(bearer(owner.token))).status).toBe(200);

    const entries = await auditOf();
    const acts = entries.map((e) => `${e.action} ${e.data?.cooperativeId}`).reverse();
    expect(acts).toEqual([`cooperative.decline ${coopId}`, `cooperative.join ${coopId}`, `cooperative.leave ${coopId}`, `cooperative.join ${otherCoopId}`, `cooperative.leave ${otherCoopId}`]);
    for (const entry of entries)
      expect(entry).toMatchObject({ actorId: owner.user.id, actorName: 'Ni Wayan Pemilik', subjectType: 'seller', subjectId: sellerId, regency: 'gianyar', at: expect.any(String) });
    expect(entries.find((e) => e.action === 'cooperative.join' && e.data.cooperativeId === otherCoopId)!.data.via).toBe('direct');

    // Regency curators read them in scope only.
    const gianyar = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const bangli = await createStaffUser(t, 'curator', { regency: 'bangli' });
    expect((await t.http().get(`/api/v1/curation/audit-log?subjectId=${sellerId}`).set(bearer(gianyar.token))).body.total).toBe(5);
    expect((await t.http().get(`/api/v1/curation/audit-log?subjectId=${sellerId}`).set(bearer(bangli.token))).body.total).toBe(0);
  });

  it('lets only a curator in scope move a seller to another regency, which moves it between curators’ scopes', async () => {
    const moved = await t.http().patch(`/api/v1/sellers/${sellerId}`).set(bearer(owner.token)).send({ regency: 'bangli' });
    expect(moved.status).toBe(422);
    expect(moved.headers['content-type']).toContain('application/problem+json');
    expect(moved.body.errors).toEqual([{ field: 'regency', message: expect.stringContaining('curator') }]);
    expect((await t.http().patch(`/api/v1/sellers/${sellerId}`).set(bearer(owner.token)).send({ regency: 'gianyar', district: 'Mas' })).status).toBe(200);
    expect((await sellerView()).regency).toBe('gianyar');

    const move = (token: string, body: object = { regency: 'klungkung', reason: 'Usaha pindah ke Semarapura' }) =>
      t.http().post(`/api/v1/curation/sellers/${sellerId}/regency`).set(bearer(token)).send(body);
    const bangli = await createStaffUser(t, 'curator', { regency: 'bangli' });
    const klungkung = await createStaffUser(t, 'curator', { regency: 'klungkung' });
    const provincial = await createStaffUser(t, 'curator', { regency: null });
    for (const token of [owner.token, coopAdmin.token, (await registerUser(t, 'buyer')).token, bangli.token, klungkung.token]) expect((await move(token)).status).toBe(403);
    expect((await move(provincial.token, { regency: 'mars', reason: 'x' })).body.errors.map((e: { field: string }) => e.field)).toEqual(['regency']);
    expect((await move(provincial.token, { regency: 'klungkung' })).body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect((await t.http().post('/api/v1/curation/sellers/00000000-0000-4000-8000-000000000000/regency').set(bearer(provincial.token)).send({ regency: 'klungkung', reason: 'x' })).status).toBe(404);
    expect((await sellerView()).regency).toBe('gianyar');

    await clearJobs(t);
    const done = await move(provincial.token);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: sellerId, regency: 'klungkung', regencyName: 'Kabupaten Klungkung' });
    expect((await queuedJobs(t, { task: TASKS.searchSeller })).map(({ payload }) => ({ payload }))).toEqual([{ payload: { sellerId } }]);
    const [entry] = (await t.http().get(`/api/v1/curation/audit-log?action=seller.regency&subjectId=${sellerId}`).set(bearer(admin.token))).body.items;
    expect(entry).toMatchObject({ actorId: provincial.user.id, reason: 'Usaha pindah ke Semarapura', regency: 'gianyar', data: { from: 'gianyar', to: 'klungkung' } });

    // The seller is now the Klungkung curator's, no longer the Gianyar curator's.
    const gianyar = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/documents`).set(bearer(klungkung.token))).status).toBe(200);
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/documents`).set(bearer(gianyar.token))).status).toBe(403);
    expect((await move(gianyar.token, { regency: 'gianyar', reason: 'balik' })).status).toBe(403);
    const back = await move(klungkung.token, { regency: 'gianyar', reason: 'Salah input alamat' });
    expect(back.status).toBe(200);
    expect(back.body.regency).toBe('gianyar');
  });

  it('works as plain forms: the coop admin invites by page address, the owner accepts and leaves from the dashboard', async () => {
    const signIn = (email: string, password: string) => signInWithForm(t, { email, password });
    const artisan = await registerUser(t, 'artisan', 'I Made Pelukis');
    const seller = (await t.http().post('/api/v1/sellers').set(bearer(artisan.token)).send({ name: 'Lukisan Batuan Made', regency: 'gianyar', businessForm: 'individual' })).body;
    const coop = await signIn(coopAdmin.email, coopAdmin.password);
    const coopPage = await coop.get('/dashboard');
    expect(coopPage.text).toContain('action="/dashboard/cooperative/invitations"');
    expect((await coop.post('/dashboard/cooperative/invitations').type('form').send({ seller: seller.slug })).status).toBe(403);
    const unknown = await coop
      .post('/dashboard/cooperative/invitations')
      .type('form')
      .send({ _csrf: csrfOf(coopPage.text), seller: 'tidak-ada-usaha' });
    expect(unknown.headers.location).toBe('/dashboard?error=sellerNotFound');
    expect((await coop.get(unknown.headers.location!)).text).toContain('Usaha tidak ditemukan');
    const sent = await coop
      .post('/dashboard/cooperative/invitations')
      .type('form')
      .send({ _csrf: csrfOf(coopPage.text), seller: seller.slug });
    expect(sent.status).toBe(303);
    const listed = await coop.get(sent.headers.location!);
    expect(listed.text).toContain('Undangan terkirim');
    expect(listed.text).toContain('Lukisan Batuan Made');
    expect(
      (
        await coop
          .post('/dashboard/cooperative/invitations')
          .type('form')
          .send({ _csrf: csrfOf(coopPage.text), seller: seller.slug })
      ).headers.location,
    ).toBe('/dashboard?error=cannotInvite');

    const browser = await signIn(artisan.email, artisan.password);
    const dashboard = await browser.get('/dashboard');
    expect(dashboard.text).toContain('Koperasi Perajin Ubud mengundang usaha ini');
    const accept = /action="(\/dashboard\/cooperative-invitations\/[0-9a-f-]{36}\/accept)"/.exec(dashboard.text)![1]!;
    expect(dashboard.text).toContain(accept.replace('/accept', '/decline'));
    expect((await browser.get('/dashboard?lang=en')).text).toContain('Koperasi Perajin Ubud invites this business');
    // The coop admin cannot use the owner's form.
    expect(
      (
        await coop
          .post(accept)
          .type('form')
          .send({ _csrf: csrfOf(coopPage.text) })
      ).status,
    ).toBe(403);
    const accepted = await browser
      .post(accept)
      .type('form')
      .send({ _csrf: csrfOf(dashboard.text) });
    expect(accepted.headers.location).toBe('/dashboard?done=accepted');
    const member = await browser.get(`${accepted.headers.location}&lang=id`);
    expect(member.text).toContain('Usaha Anda kini anggota koperasi');
    expect(member.text).toContain(`action="/dashboard/sellers/${seller.id}/leave-cooperative"`);
    expect((await t.http().get(`/api/v1/sellers/${seller.id}`)).body.cooperative).toMatchObject({ id: coopId });
    // The coop admin now manages the seller but sees no leave button for it: leaving is the owner's.
    expect((await coop.get('/dashboard')).text).not.toContain(`/dashboard/sellers/${seller.id}/leave-cooperative`);
    expect(
      (
        await coop
          .post(`/dashboard/sellers/${seller.id}/leave-cooperative`)
          .type('form')
          .send({ _csrf: csrfOf(coopPage.text) })
      ).status,
    ).toBe(403);

    const left = await browser
      .post(`/dashboard/sellers/${seller.id}/leave-cooperative`)
      .type('form')
      .send({ _csrf: csrfOf(member.text) });
    expect(left.headers.location).toBe('/dashboard?done=left');
    expect((await t.http().get(`/api/v1/sellers/${seller.id}`)).body.cooperative).toBeNull();

    // The edit page shows the regency read-only, with who changes it.
    const edit = await browser.get(`/dashboard/sellers/${seller.id}/edit`);
    expect(edit.text).not.toContain('<select id="regency"');
    expect(edit.text).toContain('Kabupaten/kota hanya diubah oleh kurator');
    const saved = await browser
      .post(`/dashboard/sellers/${seller.id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(edit.text), name: 'Lukisan Batuan Made', businessForm: 'individual' });
    expect(saved.status).toBe(303);
    const forged = await browser
      .post(`/dashboard/sellers/${seller.id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(edit.text), name: 'Lukisan Batuan Made', regency: 'badung', businessForm: 'individual' });
    expect(forged.status).toBe(422);
    expect((await t.http().get(`/api/v1/sellers/${seller.id}`)).body.regency).toBe('gianyar');
  });
});
