import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { jobs as queuedJobs, TASKS } from './support/jobs.js';

type Staff = Awaited<ReturnType<typeof createStaffUser>>;
type Artisan = Awaited<ReturnType<typeof registerUser>>;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString();

describe('curation: scope, verification, kurasi, featured sellers, audit log, dashboard', () => {
  let t: TestApp;
  let gianyarCurator: Staff;
  let provincial: Staff;
  let admin: Staff;
  let gianyarOwner: Artisan;
  let bangliOwner: Artisan;
  let gianyar: { id: string; slug: string };
  let bangli: { id: string; slug: string };

  async function newSeller(owner: Artisan, name: string, regency: string) {
    const response = await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name, regency, businessForm: 'individual' });
    if (response.status !== 201) throw new Error(`seller: ${response.status} ${response.text}`);
    return response.body as { id: string; slug: string };
  }

  async function newDocument(owner: Artisan, sellerId: string, body: Record<string, unknown> = { type: 'NIB', number: '9120001234567' }) {
    const response = await t.http().post(`/api/v1/sellers/${sellerId}/documents`).set(bearer(owner.token)).send(body);
    if (response.status !== 201) throw new Error(`document: ${response.status} ${response.text}`);
    return response.body.id as string;
  }

  const decide = (who: Staff, documentId: string, body: Record<string, unknown>) => t.http().post(`/api/v1/curation/documents/${documentId}/decision`).set(bearer(who.token)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    gianyarCurator = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    provincial = await createStaffUser(t, 'curator');
    admin = await createStaffUser(t, 'admin');
    gianyarOwner = await registerUser(t, 'artisan', 'Ketut Perak');
    bangliOwner = await registerUser(t, 'artisan', 'Wayan Kopi');
    gianyar = await newSeller(gianyarOwner, 'Perak Celuk Ketut', 'gianyar');
    bangli = await newSeller(bangliOwner, 'Kopi Kintamani Batur', 'bangli');
  });
  afterAll(() => t.close());

  it('lets a regency curator decide only inside the regency; the seller sees the status and reason', async () => {
    const outside = await newDocument(bangliOwner, bangli.id);
    const denied = await decide(gianyarCurator, outside, { decision: 'approve' });
    expect(denied.status).toBe(403);
    expect((await t.db.query(`SELECT status FROM seller_documents WHERE id = $1`, [outside]))[0].status).toBe('pending');

    const nib = await newDocument(gianyarOwner, gianyar.id);
    const approved = await decide(gianyarCurator, nib, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: nib, status: 'approved' });
    expect((await decide(gianyarCurator, nib, { decision: 'reject', reason: 'late' })).status).toBe(409);

    const npwp = await newDocument(gianyarOwner, gianyar.id, { type: 'NPWP', number: '012345678901000' });
    const noReason = await decide(gianyarCurator, npwp, { decision: 'reject' });
    expect(noReason.status).toBe(422);
    expect(fields(noReason.body)).toEqual(['reason']);
    expect((await decide(gianyarCurator, npwp, { decision: 'reject', reason: '   ' })).status).toBe(422);
    expect((await decide(gianyarCurator, npwp, { decision: 'maybe' })).status).toBe(422);
    const rejected = await decide(gianyarCurator, npwp, { decision: 'reject', reason: 'Nomor NPWP tidak terbaca.' });
    expect(rejected.status).toBe(200);

    const seen = await t.http().get(`/api/v1/sellers/${gianyar.id}/documents`).set(bearer(gianyarOwner.token));
    expect(seen.status).toBe(200);
    const byId = new Map(seen.body.map((d: { id: string }) => [d.id, d]));
    expect(byId.get(nib)).toMatchObject({ status: 'approved', decisionReason: null });
    expect(byId.get(npwp)).toMatchObject({ status: 'rejected', decisionReason: 'Nomor NPWP tidak terbaca.' });
    const publicView = await t.http().get(`/api/v1/sellers/${gianyar.slug}`);
    expect(publicView.body.verification).toMatchObject({ level: 'nib', badges: ['NIB'] });
    const jobs = (await queuedJobs(t, { task: TASKS.searchSeller })).filter((job) => job.payload.sellerId === gianyar.id);
    expect(jobs.length).toBeGreaterThan(0);

    expect((await decide(provincial, outside, { decision: 'approve' })).status).toBe(200);
    expect((await decide(gianyarCurator, '00000000-0000-4000-8000-000000000000', { decision: 'approve' })).status).toBe(404);
    expect([400, 422]).toContain((await decide(gianyarCurator, 'not-a-uuid', { decision: 'approve' })).status);
    expect((await t.http().post(`/api/v1/curation/documents/${outside}/decision`).send({ decision: 'approve' })).status).toBe(401);
    expect((await decide(admin, outside, { decision: 'approve' })).status).toBe(403);
    const buyer = await registerUser(t, 'buyer');
    expect((await t.http().post(`/api/v1/curation/documents/${outside}/decision`).set(bearer(buyer.token)).send({ decision: 'approve' })).status).toBe(403);
  });

  it('lists the queue in scope, oldest first, with expiring documents apart', async () => {
    const owner = await registerUser(t, 'artisan');
    const seller = await newSeller(owner, 'Ukiran Kayu Mas', 'gianyar');
    const first = await newDocument(owner, seller.id, { type: 'SPP_IRT', number: 'P-IRT 2065101010123-27' });
    const second = await newDocument(owner, seller.id, { type: 'HALAL', number: 'ID00410000123450123', expiresAt: day(400).slice(0, 10) });
    await t.db.query(`UPDATE seller_documents SET created_at = now() - interval '2 days' WHERE id = $1`, [first]);
    const expiring = await newDocument(gianyarOwner, gianyar.id, { type: 'SNI', number: 'SNI-123', expiresAt: day(10).slice(0, 10) });
    await decide(gianyarCurator, expiring, { decision: 'approve' }).expect(200);
    const elsewhere = await newDocument(bangliOwner, bangli.id, { type: 'PIRT', number: 'PIRT-9' });

    const queue = await t.http().get('/api/v1/curation/queue').set(bearer(gianyarCurator.token));
    expect(queue.status).toBe(200);
    const ids = queue.body.documents.map((d: { id: string }) => d.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(ids).not.toContain(elsewhere);
    expect(queue.body.documents.every((d: { seller: { regency: string } }) => d.seller.regency === 'gianyar')).toBe(true);
    expect(queue.body.documents.find((d: { id: string }) => d.id === second)).toMatchObject({ type: 'HALAL', number: 'ID00410000123450123', seller: { id: seller.id, name: 'Ukiran Kayu Mas' } });
    expect(queue.body.newSellers.map((s: { id: string }) => s.id)).toContain(seller.id);
    expect(queue.body.newSellers.map((s: { id: string }) => s.id)).not.toContain(gianyar.id);
    expect(queue.body.expiring.map((d: { id: string }) => d.id)).toEqual([expiring]);

    const everywhere = await t.http().get('/api/v1/curation/queue').set(bearer(provincial.token));
    expect(everywhere.body.documents.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([first, second, elsewhere]));
  });

  it('grades a kurasi A–D with feedback the seller reads, keeping the history', async () => {
    const url = `/api/v1/curation/sellers/${gianyar.id}/assessments`;
    const scores = { legality: 4, productQuality: 5, packagingLabelling: 3, capacityContinuity: 3, marketReach: 3, uniqueness: 5 };
    const first = await t.http().post(url).set(bearer(gianyarCurator.token)).send({ scores, feedback: 'Tambahkan label berat bersih.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ total: 23, grade: 'B', feedback: { id: 'Tambahkan label berat bersih.' } });
    const second = await t
      .http()
      .post(url)
      .set(bearer(gianyarCurator.token))
      .send({ scores: { ...scores, packagingLabelling: 5, marketReach: 5 }, feedback: { id: 'Siap pasar ekspor.', en: 'Ready for export markets.' } });
    expect(second.body).toMatchObject({ total: 27, grade: 'A' });

    const bad = await t
      .http()
      .post(url)
      .set(bearer(gianyarCurator.token))
      .send({ scores: { ...scores, legality: 6 }, feedback: 'x' });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(['scores.legality']);
    const noFeedback = await t.http().post(url).set(bearer(gianyarCurator.token)).send({ scores });
    expect(noFeedback.status).toBe(422);
    expect(fields(noFeedback.body)[0]).toMatch(/^feedback/);
    expect((await t.http().post(`/api/v1/curation/sellers/${bangli.id}/assessments`).set(bearer(gianyarCurator.token)).send({ scores, feedback: 'x' })).status).toBe(403);

    const seen = await t.http().get(`/api/v1/sellers/${gianyar.id}/assessments`).set(bearer(gianyarOwner.token));
    expect(seen.status).toBe(200);
    expect(seen.body.map((a: { grade: string }) => a.grade)).toEqual(['A', 'B']);
    expect(seen.body[0].feedback).toEqual({ id: 'Siap pasar ekspor.', en: 'Ready for export markets.' });
    expect((await t.http().get(`/api/v1/sellers/${gianyar.id}/assessments`).set(bearer(bangliOwner.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/curation/sellers/${gianyar.id}/assessments`).set(bearer(gianyarCurator.token))).body).toHaveLength(2);
    const page = await t.http().get(`/dashboard/sellers/${gianyar.id}/kurasi`).set(bearer(gianyarOwner.token));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Siap pasar ekspor.');
    expect(page.text).toContain('grade-A');
    expect((await t.http().get(`/dashboard/sellers/${gianyar.id}/kurasi`).set(bearer(bangliOwner.token))).status).toBe(403);
  });

  it('features sellers within their dates only, in scope, and shows them on the home page', async () => {
    const create = (who: Staff, body: Record<string, unknown>) => t.http().post('/api/v1/curation/featured').set(bearer(who.token)).send(body);
    const backwards = await create(gianyarCurator, { sellerId: gianyar.id, startsAt: day(5), endsAt: day(1) });
    expect(backwards.status).toBe(422);
    expect(fields(backwards.body)).toEqual(['endsAt']);
    expect(fields((await create(gianyarCurator, { sellerId: gianyar.id, startsAt: 'soon', endsAt: day(1) })).body)).toEqual(['startsAt']);
    expect((await create(gianyarCurator, { sellerId: bangli.id, startsAt: day(-1), endsAt: day(5) })).status).toBe(403);

    const active = await create(gianyarCurator, { sellerId: gianyar.id, collection: 'Perak Celuk', startsAt: day(-1), endsAt: day(5), note: 'Perak pilihan' });
    expect(active.status).toBe(201);
    expect(active.body).toEqual({ id: expect.any(String) });
    const future = await create(provincial, { sellerId: bangli.id, collection: 'Kopi Kintamani', startsAt: day(3), endsAt: day(9) });
    const past = await create(provincial, { sellerId: bangli.id, startsAt: day(-9), endsAt: day(-2) });
    expect([future.status, past.status]).toEqual([201, 201]);

    const featured = await t.http().get('/api/v1/featured');
    expect(featured.status).toBe(200);
    expect(featured.body.items).toHaveLength(1);
    expect(featured.body.items[0]).toMatchObject({ id: active.body.id, collection: 'Perak Celuk', note: 'Perak pilihan', seller: { id: gianyar.id, name: 'Perak Celuk Ketut' } });
    expect(featured.body.collections).toEqual([{ name: 'Perak Celuk', items: [expect.objectContaining({ id: active.body.id })] }]);
    const home = await t.http().get('/');
    expect(home.text).toContain('Perak Celuk Ketut');
    expect(home.text).toContain('Perak Celuk');

    expect((await t.http().delete(`/api/v1/curation/featured/${future.body.id}`).set(bearer(gianyarCurator.token))).status).toBe(403);
    expect((await t.http().delete(`/api/v1/curation/featured/${future.body.id}`).set(bearer(provincial.token))).status).toBe(204);
    expect((await t.http().delete(`/api/v1/curation/featured/${future.body.id}`).set(bearer(provincial.token))).status).toBe(404);
  });

  it('suspends a seller (hidden from the public, featured no more) and reinstates it', async () => {
    const url = `/api/v1/curation/sellers/${gianyar.id}`;
    const noReason = await t.http().post(`${url}/suspend`).set(bearer(gianyarCurator.token)).send({});
    expect(noReason.status).toBe(422);
    expect(fields(noReason.body)).toEqual(['reason']);
    expect((await t.http().post(`/api/v1/curation/sellers/${bangli.id}/suspend`).set(bearer(gianyarCurator.token)).send({ reason: 'x' })).status).toBe(403);

    const suspended = await t.http().post(`${url}/suspend`).set(bearer(gianyarCurator.token)).send({ reason: 'Produk palsu dilaporkan pembeli.' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.suspended).toMatchObject({ reason: 'Produk palsu dilaporkan pembeli.' });
    expect((await t.http().post(`${url}/suspend`).set(bearer(gianyarCurator.token)).send({ reason: 'again' })).status).toBe(409);
    expect((await t.http().get(`/api/v1/sellers/${gianyar.slug}`)).status).toBe(404);
    expect((await t.http().get(`/api/v1/sellers/${gianyar.slug}`).set(bearer(gianyarOwner.token))).status).toBe(200);
    expect((await t.http().get('/api/v1/featured')).body.items).toEqual([]);

    expect((await t.http().post(`${url}/reinstate`).set(bearer(gianyarCurator.token)).send({ reason: 'Laporan tidak terbukti.' })).status).toBe(200);
    expect((await t.http().get(`/api/v1/sellers/${gianyar.slug}`)).status).toBe(200);
    expect((await t.http().get('/api/v1/featured')).body.items).toHaveLength(1);
  });

  it('writes every act to an append-only audit log that curators read in scope and admins read whole', async () => {
    const mine = await t.http().get(`/api/v1/curation/audit-log?perPage=100&actorId=${gianyarCurator.user.id}`).set(bearer(gianyarCurator.token));
    expect(mine.status).toBe(200);
    const actions = mine.body.items.map((e: { action: string }) => e.action);
    for (const action of ['document.approve', 'document.reject', 'assessment.create', 'featured.create', 'seller.suspend', 'seller.reinstate']) expect(actions).toContain(action);
    const rejection = mine.body.items.find((e: { action: string }) => e.action === 'document.reject');
    expect(rejection).toMatchObject({ actorId: gianyarCurator.user.id, subjectType: 'seller_document', reason: 'Nomor NPWP tidak terbaca.', at: expect.any(String) });
    expect(mine.body.items.find((e: { action: string }) => e.action === 'seller.suspend')).toMatchObject({ subjectType: 'seller', subjectId: gianyar.id, reason: 'Produk palsu dilaporkan pembeli.' });

    const scoped = await t.http().get('/api/v1/curation/audit-log?perPage=100').set(bearer(gianyarCurator.token));
    expect(scoped.body.items.every((e: { regency: string }) => e.regency === 'gianyar')).toBe(true);
    const whole = await t.http().get('/api/v1/curation/audit-log?perPage=100&action=featured.delete').set(bearer(admin.token));
    expect(whole.status).toBe(200);
    expect(whole.body.items).toHaveLength(1);
    expect(whole.body.items[0]).toMatchObject({ actorId: provincial.user.id, regency: 'bangli' });
    expect((await t.http().get('/api/v1/curation/audit-log?from=yesterday').set(bearer(admin.token))).status).toBe(422);
    expect((await t.http().get('/api/v1/curation/audit-log').set(bearer(gianyarOwner.token))).status).toBe(403);
    const count = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    expect(whole.body.total).toBe(1);
    expect((await t.http().get('/api/v1/curation/audit-log').set(bearer(admin.token))).body.total).toBe(count);

    await expect(t.db.query(`UPDATE audit_log SET reason = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE reason = 'edited'`))[0].n).toBe(0);
  });

  it('reports figures per regency in scope, equal to the database, as JSON and CSV', async () => {
    expect((await t.http().get('/api/v1/curation/dashboard?regency=bangli').set(bearer(gianyarCurator.token))).status).toBe(403);
    expect((await t.http().get('/api/v1/curation/dashboard.csv?regency=bangli').set(bearer(gianyarCurator.token))).status).toBe(403);
    expect(fields((await t.http().get('/api/v1/curation/dashboard?regency=bandung').set(bearer(provincial.token))).body)).toEqual(['regency']);
    expect((await t.http().get('/api/v1/curation/dashboard').set(bearer(gianyarOwner.token))).status).toBe(403);

    const own = await t.http().get('/api/v1/curation/dashboard').set(bearer(gianyarCurator.token));
    expect(own.status).toBe(200);
    expect(own.body.regencies.map((r: { regency: string }) => r.regency)).toEqual(['gianyar']);
    expect(own.body.province).toBeNull();
    const [db] = await t.db.query(`
      SELECT (SELECT count(*)::int FROM sellers WHERE regency = 'gianyar') AS sellers,
             (SELECT count(DISTINCT d.seller_id)::int FROM seller_documents d JOIN sellers s ON s.id = d.seller_id WHERE s.regency = 'gianyar' AND d.type = 'NIB' AND d.status = 'approved') AS formalised,
             (SELECT count(*)::int FROM seller_documents d JOIN sellers s ON s.id = d.seller_id WHERE s.regency = 'gianyar' AND d.status = 'pending') AS pending`);
    const figures = own.body.regencies[0];
    expect(figures).toMatchObject({ regency: 'gianyar', sellers: db.sellers, formalised: db.formalised, documentsPending: db.pending, products: 0, exportReadyProducts: 0 });
    expect(figures.formalisedShare).toBeCloseTo(db.formalised / db.sellers, 3);
    expect(Object.keys(figures.readiness)).toEqual(['not_ready', 'emerging', 'ready', 'export_active']);
    expect(figures.monthly).toHaveLength(12);

    const all = await t.http().get('/api/v1/curation/dashboard').set(bearer(provincial.token));
    expect(all.body.regencies).toHaveLength(9);
    const [{ total }] = await t.db.query(`SELECT count(*)::int AS total FROM sellers`);
    expect(all.body.province.sellers).toBe(total);
    const one = await t.http().get('/api/v1/curation/dashboard?regency=bangli').set(bearer(provincial.token));
    expect(one.body.regencies.map((r: { regency: string }) => r.regency)).toEqual(['bangli']);

    const csv = await t.http().get('/api/v1/curation/dashboard.csv').set(bearer(gianyarCurator.token));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const [header, row] = csv.text
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header!.slice(0, 7)).toEqual(['regency', 'regency_name', 'sellers', 'suspended', 'formalised_nib', 'formalised_share', 'documents_pending']);
    expect(row!.slice(0, 7)).toEqual(['gianyar', 'Kabupaten Gianyar', String(db.sellers), '0', String(db.formalised), String(figures.formalisedShare), String(db.pending)]);
  });

  it('serves the curator pages without JavaScript: queue decisions, featuring, charts', async () => {
    const owner = await registerUser(t, 'artisan');
    const seller = await newSeller(owner, 'Anyaman Bambu Bona', 'gianyar');
    const doc = await newDocument(owner, seller.id);
    const browser = request.agent(t.app.getHttpServer());
    const login = await browser.get('/login');
    expect(
      (
        await browser
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(login.text), email: gianyarCurator.email, password: gianyarCurator.password, next: '/' })
      ).status,
    ).toBe(303);

    const page = await browser.get('/dashboard/curation');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Anyaman Bambu Bona');
    expect(page.text).toContain(`/dashboard/curation/documents/${doc}/decision`);
    expect(page.text).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(page.text).toContain('<title id="chart-sales-title">');
    expect(page.text).not.toMatch(/<script(?! type="application\/ld\+json")(?! src="\/static\/sw-register\.js")/);
    const csrf = csrfOf(page.text);

    const missing = await browser.post(`/dashboard/curation/documents/${doc}/decision`).type('form').send({ _csrf: csrf, decision: 'reject', reason: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain(`reason-${doc}-error`);
    const approved = await browser.post(`/dashboard/curation/documents/${doc}/decision`).type('form').send({ _csrf: csrf, decision: 'approve' });
    expect(approved.status).toBe(303);
    expect((await t.db.query(`SELECT status FROM seller_documents WHERE id = $1`, [doc]))[0].status).toBe('approved');

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const featured = await browser.post('/dashboard/curation/featured').type('form').send({ _csrf: csrf, sellerId: seller.id, collection: 'Anyaman Bona', startsAt: today, endsAt: today });
    expect(featured.status).toBe(303);
    expect((await t.http().get('/')).text).toContain('Anyaman Bambu Bona');

    const review = await browser.get(`/dashboard/curation/sellers/${seller.id}`);
    expect(review.status).toBe(200);
    expect(review.text).toContain(`/dashboard/curation/sellers/${seller.id}/assessments`);
    expect((await browser.get(`/dashboard/curation/sellers/${bangli.id}`)).status).toBe(403);
    expect((await browser.get('/dashboard/curation/audit')).text).toContain('document.approve');
  });

  it('seeds demo collections and grades once, with their audit entries', async () => {
    const { DemoCurationSeeder } = await import('../libs/curation/src/demo-curation.seeder.js');
    const owner = await registerUser(t, 'artisan');
    const kopi = await t
      .http()
      .post('/api/v1/sellers')
      .set(bearer(owner.token))
      .send({ name: 'Kopi Arabika Kintamani', slug: 'kopi-arabika-kintamani', regency: 'bangli', businessForm: 'cooperative' });
    expect(kopi.status).toBe(201);
    const seeder = t.app.get(DemoCurationSeeder);
    await seeder.seed();
    await seeder.seed();
    const featured = await t.http().get('/api/v1/featured');
    expect(featured.body.collections.find((c: { name: string }) => c.name === 'Kopi Kintamani').items.map((i: { seller: { id: string } }) => i.seller.id)).toEqual([kopi.body.id]);
    const grades = await t.http().get(`/api/v1/sellers/${kopi.body.id}/assessments`).set(bearer(owner.token));
    expect(grades.body.map((a: { grade: string }) => a.grade)).toEqual(['A']);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE regency = 'bangli' AND (subject_id = $1::uuid OR data->>'sellerId' = $1::text) ORDER BY action`, [kopi.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['assessment.create', 'featured.create']);
  });
});
