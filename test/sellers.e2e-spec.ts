import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { clearJobs, jobs as queuedJobs, TASKS } from './support/jobs.js';

const valid = {
  name: 'Perak Celuk Ketut',
  regency: 'gianyar',
  district: 'Sukawati',
  businessForm: 'individual',
  whatsapp: '+62 812-3456-7890',
  story: { id: 'Perak buatan tangan sejak 1985.', en: 'Handmade silver since 1985.' },
};

describe('sellers and cooperatives API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  async function newSeller(token: string, body: Record<string, unknown> = {}) {
    const response = await t
      .http()
      .post('/api/v1/sellers')
      .set(bearer(token))
      .send({ ...valid, ...body });
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
    return response.body as { id: string; slug: string };
  }

  it('creates a seller with a slug from its name, unique, and lists it among the caller’s sellers', async () => {
    const artisan = await registerUser(t, 'artisan');
    const first = await t.http().post('/api/v1/sellers').set(bearer(artisan.token)).send(valid);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      slug: 'perak-celuk-ketut',
      name: 'Perak Celuk Ketut',
      regency: 'gianyar',
      whatsapp: '+6281234567890',
      whatsappUrl: 'https://wa.me/6281234567890',
      verification: { level: 'informal', badges: [] },
    });
    const second = await newSeller(artisan.token);
    expect(second.slug).toBe('perak-celuk-ketut-2');

    const mine = await t.http().get('/api/v1/me/sellers').set(bearer(artisan.token));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { id: string }) => s.id).sort()).toEqual([first.body.id, second.id].sort());

    const taken = await t
      .http()
      .post('/api/v1/sellers')
      .set(bearer(artisan.token))
      .send({ ...valid, slug: 'perak-celuk-ketut' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ field: 'slug', message: 'is already taken' }]);
  });

  it('refuses a bad regency, WhatsApp number or slug with 422 naming the field', async () => {
    const artisan = await registerUser(t, 'artisan');
    for (const [field, value] of [
      ['regency', 'bandung'],
      ['whatsapp', '12345'],
      ['slug', 'Not A Slug!'],
      ['slug', 'ab'],
      ['businessForm', 'llc'],
    ] as const) {
      const response = await t
        .http()
        .post('/api/v1/sellers')
        .set(bearer(artisan.token))
        .send({ ...valid, [field]: value });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missing = await t.http().post('/api/v1/sellers').set(bearer(artisan.token)).send({ businessForm: 'informal' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'regency']));
  });

  it('lets only artisans and coop admins create sellers', async () => {
    const buyer = await registerUser(t, 'buyer');
    expect((await t.http().post('/api/v1/sellers').set(bearer(buyer.token)).send(valid)).status).toBe(403);
    expect((await t.http().post('/api/v1/sellers').send(valid)).status).toBe(401);
  });

  it('shows public fields only, with the verification summary, by id or slug', async () => {
    const artisan = await registerUser(t, 'artisan');
    const seller = await newSeller(artisan.token, { name: 'Kopi Kintamani Batur', regency: 'bangli' });
    await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(artisan.token)).send({ type: 'NIB', number: '9120001234567' }).expect(201);
    await t.db.query(`UPDATE seller_documents SET status = 'approved' WHERE seller_id = $1`, [seller.id]);

    for (const key of [seller.id, seller.slug]) {
      const response = await t.http().get(`/api/v1/sellers/${key}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: seller.id, name: 'Kopi Kintamani Batur', regencyName: 'Kabupaten Bangli', verification: { level: 'nib', badges: ['NIB'] } });
      expect(response.text).not.toContain(artisan.email);
      expect(response.text).not.toContain('9120001234567');
      expect(response.body).not.toHaveProperty('ownerId');
      expect(response.body).not.toHaveProperty('suspended');
    }
    expect((await t.http().get('/api/v1/sellers/no-such-seller')).status).toBe(404);

    const list = await t.http().get('/api/v1/sellers?regency=bangli&perPage=5');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(seller.id);
    expect(list.body.items.every((s: { regency: string }) => s.regency === 'bangli')).toBe(true);
    expect((await t.http().get('/api/v1/sellers?regency=mars')).status).toBe(422);

    // A suspended seller disappears for the public; its owner still sees it.
    await t.db.query(`UPDATE sellers SET suspended_at = now(), suspended_reason = 'fake photos' WHERE id = $1`, [seller.id]);
    expect((await t.http().get(`/api/v1/sellers/${seller.slug}`)).status).toBe(404);
    const own = await t.http().get(`/api/v1/sellers/${seller.slug}`).set(bearer(artisan.token));
    expect(own.status).toBe(200);
    expect(own.body.suspended).toMatchObject({ reason: 'fake photos' });
    expect((await t.http().get('/api/v1/sellers?regency=bangli')).body.items.map((s: { id: string }) => s.id)).not.toContain(seller.id);
  });

  it('lets the owner edit, refuses strangers with 403 and mass assignment with 422, and queues a search update', async () => {
    const owner = await registerUser(t, 'artisan');
    const stranger = await registerUser(t, 'artisan');
    const seller = await newSeller(owner.token);

    const byStranger = await t.http().patch(`/api/v1/sellers/${seller.id}`).set(bearer(stranger.token)).send({ name: 'Stolen' });
    expect(byStranger.status).toBe(403);
    expect((await t.http().patch('/api/v1/sellers/00000000-0000-4000-8000-000000000000').set(bearer(owner.token)).send({ name: 'X' })).status).toBe(404);
    expect([400, 422]).toContain((await t.http().patch('/api/v1/sellers/not-a-uuid').set(bearer(owner.token)).send({ name: 'X' })).status);

    for (const field of ['suspended', 'verification', 'ownerId', 'suspendedAt']) {
      const response = await t
        .http()
        .patch(`/api/v1/sellers/${seller.id}`)
        .set(bearer(owner.token))
        .send({ [field]: field === 'verification' ? { level: 'export' } : null });
      expect(response.status).toBe(422);
      expect(response.body.errors).toContainEqual({ field, message: 'is not a known field' });
    }
    expect((await t.http().patch(`/api/v1/sellers/${seller.id}`).set(bearer(owner.token)).send({ name: null })).status).toBe(422);

    // Only a curator moves a seller to another regency; repeating the current one is accepted.
    const moved = await t.http().patch(`/api/v1/sellers/${seller.id}`).set(bearer(owner.token)).send({ name: 'Moved', regency: 'denpasar' });
    expect(moved.status).toBe(422);
    expect(moved.body.errors).toEqual([{ field: 'regency', message: expect.stringContaining('curator') }]);

    await clearJobs(t);
    const edited = await t.http().patch(`/api/v1/sellers/${seller.id}`).set(bearer(owner.token)).send({ name: 'Perak Celuk Ketut & Putra', regency: 'gianyar', whatsapp: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Perak Celuk Ketut & Putra', regency: 'gianyar', whatsapp: null, whatsappUrl: null });
    const jobs = (await queuedJobs(t, { task: TASKS.searchSeller })).map(({ payload }) => ({ payload }));
    expect(jobs).toEqual([{ payload: { sellerId: seller.id } }]);
  });

  it('lets a coop admin create sellers in their cooperative, invite members and edit a member’s seller once it accepted', async () => {
    const admin = await createStaffUser(t, 'admin');
    const coop = await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Koperasi Tenun Sidemen', regency: 'karangasem', registrationNumber: '518/BH/XXVII.2/2019' });
    expect(coop.status).toBe(201);
    const duplicate = await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Again', regency: 'karangasem', registrationNumber: '518/BH/XXVII.2/2019' });
    expect(duplicate.status).toBe(409);
    const coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: coop.body.id });
    const otherCoopAdmin = await createStaffUser(t, 'coop_admin');

    const created = await newSeller(coopAdmin.token, { name: 'Songket Sidemen Ibu Komang', regency: 'karangasem' });
    expect((await t.http().get(`/api/v1/sellers/${created.id}`)).body.cooperative).toEqual({ id: coop.body.id, name: 'Koperasi Tenun Sidemen' });

    const member = await registerUser(t, 'artisan');
    const memberSeller = await newSeller(member.token, { name: 'Gringsing Tenganan', regency: 'karangasem' });
    expect((await t.http().patch(`/api/v1/sellers/${memberSeller.id}`).set(bearer(coopAdmin.token)).send({ name: 'Gringsing Tenganan Pegringsingan' })).status).toBe(403);
    expect((await t.http().post(`/api/v1/cooperatives/${coop.body.id}/members`).set(bearer(coopAdmin.token)).send({ sellerId: memberSeller.id })).status).toBe(403);
    expect((await t.http().post(`/api/v1/cooperatives/${coop.body.id}/invitations`).set(bearer(otherCoopAdmin.token)).send({ sellerId: memberSeller.id })).status).toBe(403);
    const invited = await t.http().post(`/api/v1/cooperatives/${coop.body.id}/invitations`).set(bearer(coopAdmin.token)).send({ sellerId: memberSeller.id });
    expect(invited.status).toBe(201);
    expect((await t.http().post(`/api/v1/cooperative-invitations/${invited.body.id}/accept`).set(bearer(member.token))).status).toBe(200);
    expect((await t.http().get(`/api/v1/sellers/${memberSeller.id}`).set(bearer(member.token))).body.cooperativeId).toBe(coop.body.id);

    const edit = await t.http().patch(`/api/v1/sellers/${memberSeller.id}`).set(bearer(coopAdmin.token)).send({ name: 'Gringsing Tenganan Pegringsingan' });
    expect(edit.status).toBe(200);
    expect(edit.body.name).toBe('Gringsing Tenganan Pegringsingan');
    expect((await t.http().patch(`/api/v1/sellers/${memberSeller.id}`).set(bearer(otherCoopAdmin.token)).send({ name: 'No' })).status).toBe(403);

    const managed = await t.http().get('/api/v1/me/sellers').set(bearer(coopAdmin.token));
    expect(managed.body.items.map((s: { id: string }) => s.id).sort()).toEqual([created.id, memberSeller.id].sort());
    const members = await t.http().get(`/api/v1/cooperatives/${coop.body.id}/members`);
    expect(members.body).toMatchObject({ total: 2 });
    expect((await t.http().get(`/api/v1/cooperatives/${coop.body.id}`)).body).toMatchObject({ name: 'Koperasi Tenun Sidemen', memberCount: 2 });
    expect((await t.http().get('/api/v1/cooperatives/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    // The owner leaves the cooperative (not through PATCH); the coop admin no longer manages the seller.
    expect((await t.http().patch(`/api/v1/sellers/${memberSeller.id}`).set(bearer(member.token)).send({ cooperativeId: null })).status).toBe(422);
    expect((await t.http().post(`/api/v1/sellers/${memberSeller.id}/leave-cooperative`).set(bearer(member.token))).status).toBe(200);
    expect((await t.http().patch(`/api/v1/sellers/${memberSeller.id}`).set(bearer(coopAdmin.token)).send({ name: 'Back' })).status).toBe(403);

    // A coop admin without a cooperative registers one and manages it from then on.
    const founder = await createStaffUser(t, 'coop_admin');
    const founded = await t.http().post('/api/v1/cooperatives').set(bearer(founder.token)).send({ name: 'Koperasi Kopi Kintamani', regency: 'bangli', registrationNumber: '77/BH/XXVII.5/2021' });
    expect(founded.status).toBe(201);
    expect((await t.http().get('/api/v1/me').set(bearer(founder.token))).body.cooperativeId).toBe(founded.body.id);
    const coffee = await newSeller(founder.token, { name: 'Kopi Kintamani Kelompok Tani', regency: 'bangli', story: { id: 'Kopi.', en: '' } });
    expect((await t.http().get(`/api/v1/sellers/${coffee.id}`)).body).toMatchObject({ cooperative: { id: founded.body.id }, story: { id: 'Kopi.' } });
    expect((await t.http().get(`/api/v1/sellers/${coffee.id}`)).body.story).not.toHaveProperty('en');
    expect((await t.http().post('/api/v1/cooperatives').set(bearer(founder.token)).send({ name: 'Second', regency: 'bangli', registrationNumber: '78/BH/XXVII.5/2021' })).status).toBe(409);

    const artisan = await registerUser(t, 'artisan');
    expect((await t.http().post('/api/v1/cooperatives').set(bearer(artisan.token)).send({ name: 'X', regency: 'bali', registrationNumber: '1' })).status).toBe(403);
    const bad = await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'X', regency: 'bali', registrationNumber: '123' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('regency');
  });

  it('shows documents with their numbers to the owner and curators in scope only, and derives expiry', async () => {
    const owner = await registerUser(t, 'artisan');
    const seller = await newSeller(owner.token, { name: 'Ukiran Mas Wayan', regency: 'gianyar' });
    const nib = await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'NIB', number: '9120001234567', issuedAt: '2023-01-10' });
    expect(nib.status).toBe(201);
    expect(nib.body).toMatchObject({ type: 'NIB', status: 'pending' });
    const svlk = await t
      .http()
      .post(`/api/v1/sellers/${seller.id}/documents`)
      .set(bearer(owner.token))
      .send({ type: 'SVLK', number: 'SLK-0123/2020', issuedAt: '2020-01-01', expiresAt: '2021-01-01' });
    expect(svlk.status).toBe(201);
    expect(svlk.body.status).toBe('expired');

    const badType = await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'PASSPORT', number: '1' });
    expect(badType.status).toBe(422);
    expect(badType.body.errors[0].field).toBe('type');
    const badNib = await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'NIB', number: '123' });
    expect(badNib.body.errors).toEqual([{ field: 'number', message: 'an NIB has 13 digits' }]);
    const stranger = await registerUser(t, 'artisan');
    expect((await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(stranger.token)).send({ type: 'NIB', number: '9120001234567' })).status).toBe(403);

    const gianyar = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const bangli = await createStaffUser(t, 'curator', { regency: 'bangli' });
    const province = await createStaffUser(t, 'curator');
    for (const token of [owner.token, gianyar.token, province.token]) {
      const list = await t.http().get(`/api/v1/sellers/${seller.id}/documents`).set(bearer(token));
      expect(list.status).toBe(200);
      expect(list.body.map((d: { number: string; status: string }) => [d.number, d.status]).sort()).toEqual([
        ['9120001234567', 'pending'],
        ['SLK-0123/2020', 'expired'],
      ]);
    }
    expect((await t.http().get(`/api/v1/sellers/${seller.id}/documents`).set(bearer(bangli.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/sellers/${seller.id}/documents`).set(bearer(stranger.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/sellers/${seller.id}/documents`)).status).toBe(401);
    expect((await t.http().get('/api/v1/sellers/00000000-0000-4000-8000-000000000000/documents').set(bearer(gianyar.token))).status).toBe(404);
  });

  it('seeds demo sellers in all nine regencies, idempotently, with a cooperative run by the demo coop admin', async () => {
    const { UsersService, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('#libs/identity');
    const { DemoSellersSeeder } = await import('../libs/sellers/src/demo-sellers.seeder.js');
    const users = t.app.get(UsersService);
    for (const account of DEMO_ACCOUNTS.filter((a) => ['perajin@demo.pasarkerthi.id', 'koperasi@demo.pasarkerthi.id', 'kurator.bali@demo.pasarkerthi.id'].includes(a.email))) {
      await users.create({ ...account, password: DEMO_PASSWORD, roles: [account.role] });
    }
    const seeder = t.app.get(DemoSellersSeeder);
    await seeder.seed();
    await seeder.seed();
    const [{ count, regencies }] = await t.db.query(`SELECT count(*)::int AS count, count(DISTINCT regency)::int AS regencies FROM sellers WHERE slug IN (SELECT unnest($1::text[]))`, [
      (await import('#libs/sellers')).DEMO_SELLER_SLUGS,
    ]);
    expect(count).toBeGreaterThanOrEqual(30);
    expect(regencies).toBe(9);

    const perajin = await t.http().post('/api/v1/auth/login').send({ email: 'perajin@demo.pasarkerthi.id', password: DEMO_PASSWORD });
    expect((await t.http().get('/api/v1/me/sellers').set(bearer(perajin.body.token))).body.items).toHaveLength(2);
    const koperasi = await t.http().post('/api/v1/auth/login').send({ email: 'koperasi@demo.pasarkerthi.id', password: DEMO_PASSWORD });
    const managed = (await t.http().get('/api/v1/me/sellers').set(bearer(koperasi.body.token))).body.items as Array<{ slug: string }>;
    expect(managed.map((s) => s.slug)).toContain('songket-sidemen-ibu-komang');

    const coffee = await t.http().get('/api/v1/sellers/kopi-arabika-kintamani');
    expect(coffee.body.verification).toEqual({ level: 'export', badges: ['NIB', 'NPWP', 'SPP_IRT', 'HALAL'] });
    const salt = await t.http().get('/api/v1/sellers/garam-amed-pak-nengah');
    expect(salt.body.verification).toEqual({ level: 'nib', badges: ['NIB'] });
    const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM seller_documents WHERE status = 'pending'`);
    expect(pending).toBeGreaterThan(5);
  });

  it('writes lapsed documents down as expired and suspends or reinstates a seller, queueing search updates', async () => {
    const { SellerDocumentsService, SellersService } = await import('#libs/sellers');
    const owner = await registerUser(t, 'artisan');
    const seller = await newSeller(owner.token, { name: 'Garam Amed Lapsed', regency: 'karangasem' });
    await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'SNI', number: 'SNI-3556-01', issuedAt: '2019-01-01', expiresAt: '2022-01-01' }).expect(201);
    await t.db.query(`UPDATE seller_documents SET status = 'approved' WHERE seller_id = $1`, [seller.id]);
    await clearJobs(t);

    expect(await t.app.get(SellerDocumentsService).expireDocuments()).toBeGreaterThanOrEqual(1);
    const [doc] = await t.db.query(`SELECT status FROM seller_documents WHERE seller_id = $1`, [seller.id]);
    expect(doc.status).toBe('expired');
    expect((await queuedJobs(t, { task: TASKS.searchSeller })).filter((job) => job.payload.sellerId === seller.id)).toHaveLength(1);

    const sellers = t.app.get(SellersService);
    await t.db.transaction((manager) => sellers.setSuspension(manager, seller.id, 'Foto produk bukan milik sendiri'));
    expect((await t.http().get(`/api/v1/sellers/${seller.id}`)).status).toBe(404);
    await t.db.transaction((manager) => sellers.setSuspension(manager, seller.id, null));
    expect((await t.http().get(`/api/v1/sellers/${seller.id}`)).status).toBe(200);
  });

  it('lets a curator in scope decide a pending document once, with a reason to reject', async () => {
    const { SellerDocumentsService } = await import('#libs/sellers');
    const { TokenService } = await import('#libs/identity');
    const decisions = t.app.get(SellerDocumentsService);
    const owner = await registerUser(t, 'artisan');
    const seller = await newSeller(owner.token, { name: 'Tenun Endek Buleleng Decide', regency: 'buleleng' });
    const nib = (await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'NIB', number: '9120001112223' })).body;
    const npwp = (await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'NPWP', number: '0123456789012345' })).body;
    const asUser = async (token: string) => (await t.app.get(TokenService).resolve(token))!;
    const buleleng = await asUser((await createStaffUser(t, 'curator', { regency: 'buleleng' })).token);
    const gianyar = await asUser((await createStaffUser(t, 'curator', { regency: 'gianyar' })).token);

    await expect(t.db.transaction((m) => decisions.decide(m, gianyar, nib.id, 'approved', null))).rejects.toMatchObject({ status: 403 });
    await expect(t.db.transaction((m) => decisions.decide(m, buleleng, npwp.id, 'rejected', ' '))).rejects.toMatchObject({ status: 422 });
    await clearJobs(t);
    const approved = await t.db.transaction((m) => decisions.decide(m, buleleng, nib.id, 'approved', null));
    expect(approved.status).toBe('approved');
    expect(await queuedJobs(t, { task: TASKS.searchSeller })).toHaveLength(1);
    await expect(t.db.transaction((m) => decisions.decide(m, buleleng, nib.id, 'rejected', 'late'))).rejects.toMatchObject({ status: 409 });
    await t.db.transaction((m) => decisions.decide(m, buleleng, npwp.id, 'rejected', 'Nomor tidak terbaca'));

    const publicView = await t.http().get(`/api/v1/sellers/${seller.id}`);
    expect(publicView.body.verification).toEqual({ level: 'nib', badges: ['NIB'] });
    const docs = await t.http().get(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token));
    expect(docs.body.find((d: { type: string }) => d.type === 'NPWP')).toMatchObject({ status: 'rejected', decisionReason: 'Nomor tidak terbaca' });
  });
});
