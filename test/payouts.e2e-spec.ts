import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { cooperativeAccount, FeeSchedule, LedgerService, PayoutAccounts, PayoutsService, platformAccount, sellerAccount } from '#libs/ledger';
import { verifyEmail } from './support/accounts.js';
import { createSeller } from './support/commerce.js';
import { jobs } from './support/jobs.js';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/**
 * Payouts on real PostgreSQL: a run pays each eligible seller and cooperative once (never twice,
 * even when two runs race), the bank file, the outcomes and their postings, who may do what, and
 * the Saldo page. Balances are made by posting directly (faster than orders).
 */
describe('payouts', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let payouts: PayoutsService;
  let admin: Awaited<ReturnType<typeof createStaffUser>>;
  const rp = (whole: number) => whole * 100;

  /** Credits an owner's available balance (from the bank-transfer clearing account), as a completed order would. */
  const fund = (account: string, amount: number) =>
    t.db.transaction((m) =>
      ledger.post(m, {
        key: `test:fund:${randomUUID()}`,
        kind: 'adjustment',
        description: 'test balance',
        entries: [
          { account: platformAccount('clearing', 'bank_transfer'), amount, type: 'adjustment' },
          { account, amount: -amount, type: 'adjustment' },
        ],
      }),
    );
  const available = async (sellerId: string) => (await ledger.balances('seller', sellerId)).available.amount;
  const expectZeroTrialBalance = async () => expect((await ledger.trialBalance()).total).toEqual({ amount: 0, currency: 'IDR' });
  const setAccount = (token: string, sellerId: string, body: Record<string, unknown>) => t.http().put(`/api/v1/sellers/${sellerId}/payout-account`).set(bearer(token)).send(body);
  const run = () => t.http().post('/api/v1/admin/payouts/run').set(bearer(admin.token));

  let a: Awaited<ReturnType<typeof createSeller>>; // eligible, account set once
  let b: Awaited<ReturnType<typeof createSeller>>; // below the minimum
  let c: Awaited<ReturnType<typeof createSeller>>; // no account
  let d: Awaited<ReturnType<typeof createSeller>>; // account changed just now
  let cooperativeId: string;
  let coopAdmin: Awaited<ReturnType<typeof createStaffUser>>;
  let firstBatch: { batchId: string; payouts: Array<{ id: string; sellerId?: string; cooperativeId?: string; amount: { amount: number }; status: string }> };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    ledger = t.app.get(LedgerService);
    payouts = t.app.get(PayoutsService);
    admin = await createStaffUser(t, 'admin');
    await t.app.get(FeeSchedule).setCommission({ id: admin.user.id } as never, { defaultBps: 0, categoryBps: {} });
    [a, b, c, d] = [await createSeller(t, 'Tenun A'), await createSeller(t, 'Perak B'), await createSeller(t, 'Ukir C'), await createSeller(t, 'Anyam D')];
    cooperativeId = (await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Koperasi Saldo', regency: 'gianyar', registrationNumber: '77/BH/XXVII/2021' })).body.id;
    coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId });
    // Payouts need a verified email (the seller's owner; the coop_admin who sets the cooperative's account).
    for (const userId of [a.owner.user.id, b.owner.user.id, c.owner.user.id, d.owner.user.id, coopAdmin.user.id]) await verifyEmail(t, userId);
  });
  afterAll(() => t.close());

  it('sets a payout account: banks from the list, only the last 4 digits back, a change holds payouts 3 days and notifies the owner', async () => {
    const banks = await t.http().get('/api/v1/banks');
    expect(banks.status).toBe(200);
    expect(banks.body.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['BCA', 'BNI', 'BRI', 'MANDIRI', 'BSI', 'BPD_BALI', 'PERMATA', 'CIMB', 'DANAMON', 'BTN']));

    const set = await setAccount(a.owner.token, a.sellerId, { bankCode: 'BCA', accountNumber: '1234 567 890', accountHolderName: 'Ni Luh Putu Sari' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ bankCode: 'BCA', accountNumberLast4: '7890', accountHolderName: 'Ni Luh Putu Sari', status: 'unverified' });
    expect(JSON.stringify(set.body)).not.toContain('1234567890');
    expect((await setAccount(b.owner.token, b.sellerId, { bankCode: 'BPD_BALI', accountNumber: '0300201234', accountHolderName: 'I Made Perak' })).status).toBe(200);

    expect((await setAccount(d.owner.token, d.sellerId, { bankCode: 'BRI', accountNumber: '111122223333', accountHolderName: 'Ketut Anyam' })).status).toBe(200);
    const changed = await setAccount(d.owner.token, d.sellerId, { bankCode: 'MANDIRI', accountNumber: '999988887777', accountHolderName: 'Ketut Anyam' });
    expect(changed.status).toBe(200);
    const heldUntil = new Date(changed.body.payoutsHeldUntil).getTime();
    expect(Math.abs(heldUntil - (Date.now() + 3 * 86_400_000))).toBeLessThan(60_000);
    const notices = (await jobs(t, { task: 'notify', state: 'any' })).filter((j) => j.payload.userId === d.owner.user.id);
    expect(notices.map((j) => j.payload.kind)).toEqual(expect.arrayContaining(['payout.account_set', 'payout.account_changed']));

    expect((await setAccount(a.owner.token, a.sellerId, { bankCode: 'XYZ', accountNumber: '123456', accountHolderName: 'A' })).status).toBe(422);
    expect((await setAccount(a.owner.token, a.sellerId, { bankCode: 'BCA', accountNumber: '12ab', accountHolderName: 'A' })).status).toBe(422);
    expect((await setAccount(a.owner.token, a.sellerId, { bankCode: 'BCA', accountNumber: '123456', accountHolderName: '=HYPERLINK("x")' })).status).toBe(422);

    const coop = await t
      .http()
      .put(`/api/v1/cooperatives/${cooperativeId}/payout-account`)
      .set(bearer(coopAdmin.token))
      .send({ bankCode: 'BNI', accountNumber: '5550001111', accountHolderName: 'Koperasi Saldo' });
    expect(coop.status).toBe(200);
    expect(coop.body.accountNumberLast4).toBe('1111');
  });

  it('a run pays each eligible seller and cooperative once, of its whole available balance, and skips the others', async () => {
    await fund(sellerAccount(a.sellerId, 'available'), rp(150_000));
    await fund(sellerAccount(b.sellerId, 'available'), rp(40_000));
    await fund(sellerAccount(c.sellerId, 'available'), rp(200_000));
    await fund(sellerAccount(d.sellerId, 'available'), rp(300_000));
    await fund(cooperativeAccount(cooperativeId, 'available'), rp(75_000) + 55); // 55 sen stay: payouts are whole rupiah

    const response = await run();
    expect(response.status).toBe(201);
    firstBatch = response.body;
    const bySeller = new Map(firstBatch.payouts.filter((p) => p.sellerId).map((p) => [p.sellerId, p]));
    expect(bySeller.get(a.sellerId)).toMatchObject({ amount: { amount: rp(150_000), currency: 'IDR' }, status: 'pending' });
    expect(bySeller.has(b.sellerId)).toBe(false); // below PAYOUT_MINIMUM_IDR
    expect(bySeller.has(c.sellerId)).toBe(false); // no account
    expect(bySeller.has(d.sellerId)).toBe(false); // account changed < 3 days ago
    expect(firstBatch.payouts.filter((p) => p.cooperativeId === cooperativeId).map((p) => p.amount.amount)).toEqual([rp(75_000)]);

    expect(await ledger.balances('seller', a.sellerId)).toMatchObject({ available: { amount: 0 }, inTransit: { amount: rp(150_000) } });
    expect((await ledger.balances('cooperative', cooperativeId)).available.amount).toBe(55);
    expect(await available(b.sellerId)).toBe(rp(40_000));
    expect(await available(c.sellerId)).toBe(rp(200_000));
    expect((await t.app.get(PayoutAccounts).blockers({ type: 'seller', id: b.sellerId })).blockers).toEqual(['below_minimum']);
    expect((await t.app.get(PayoutAccounts).blockers({ type: 'seller', id: c.sellerId })).blockers).toEqual(['no_account']);
    expect((await t.app.get(PayoutAccounts).blockers({ type: 'seller', id: d.sellerId })).blockers).toEqual(['account_on_hold']);
    await expectZeroTrialBalance();
  });

  it('pays no seller whose owner has not verified the email, and says so on the Saldo page with a resend button', async () => {
    const f = await createSeller(t, 'Lontar F');
    expect((await setAccount(f.owner.token, f.sellerId, { bankCode: 'BCA', accountNumber: '8800112233', accountHolderName: 'Nyoman Lontar' })).status).toBe(200);
    await fund(sellerAccount(f.sellerId, 'available'), rp(120_000));
    const skipped = await run();
    expect(skipped.status).toBe(201);
    expect(skipped.body.payouts.filter((p: { sellerId?: string }) => p.sellerId === f.sellerId)).toEqual([]);
    expect(await available(f.sellerId)).toBe(rp(120_000));
    expect((await t.app.get(PayoutAccounts).blockers({ type: 'seller', id: f.sellerId })).blockers).toEqual(['email_unverified']);
    // A cooperative answers to the coop_admin who set its account.
    const unverifiedCoop = (await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Koperasi Belum', regency: 'badung', registrationNumber: '79/BH/XXVII/2021' })).body.id;
    const unverifiedAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: unverifiedCoop });
    const coopAccount = await t
      .http()
      .put(`/api/v1/cooperatives/${unverifiedCoop}/payout-account`)
      .set(bearer(unverifiedAdmin.token))
      .send({ bankCode: 'BNI', accountNumber: '5550002222', accountHolderName: 'Koperasi Belum' });
    expect(coopAccount.status).toBe(200);
    await fund(cooperativeAccount(unverifiedCoop, 'available'), rp(90_000));
    expect((await run()).body.payouts.filter((p: { cooperativeId?: string }) => p.cooperativeId === unverifiedCoop)).toEqual([]);
    expect((await t.app.get(PayoutAccounts).blockers({ type: 'cooperative', id: unverifiedCoop })).blockers).toEqual(['email_unverified']);

    const page = await signInWithForm(t, f.owner);
    const saldo = await page.get(`/dashboard/sellers/${f.sellerId}/balance`);
    expect(saldo.text).toContain('Verifikasi email Anda untuk menerima pencairan dana');
    expect(saldo.text).toContain('action="/verify-email/resend"');
    expect((await page.get(`/dashboard/sellers/${f.sellerId}/balance?lang=en`)).text).toContain('Verify your email to receive payouts');

    await verifyEmail(t, f.owner.user.id);
    expect((await page.get(`/dashboard/sellers/${f.sellerId}/balance`)).text).not.toContain('Verifikasi email Anda');
    const paid = await run();
    expect(paid.body.payouts.filter((p: { sellerId?: string }) => p.sellerId === f.sellerId).map((p: { amount: { amount: number } }) => p.amount.amount)).toEqual([rp(120_000)]);
    await expectZeroTrialBalance();
  });

  it('runs again, and concurrently, without paying the same money twice', async () => {
    const again = await run();
    expect(again.status).toBe(201);
    expect(again.body.payouts.filter((p: { sellerId?: string }) => p.sellerId === a.sellerId)).toEqual([]);

    // New money while the first batch is still open: only the new money goes.
    await fund(sellerAccount(a.sellerId, 'available'), rp(60_000));
    const e = await createSeller(t, 'Keramik E');
    await verifyEmail(t, e.owner.user.id);
    expect((await setAccount(e.owner.token, e.sellerId, { bankCode: 'BSI', accountNumber: '7000123456', accountHolderName: 'Wayan Keramik' })).status).toBe(200);
    await fund(sellerAccount(e.sellerId, 'available'), rp(80_000));
    const results = await Promise.all([payouts.run({ requestedBy: admin.user.id }), payouts.run({ requestedBy: admin.user.id }), payouts.run({ requestedBy: null, runKey: 'weekly:test' })]);
    const all = results.flatMap((r) => r.payouts);
    expect(all.filter((p) => p.sellerId === a.sellerId).map((p) => p.amount.amount)).toEqual([rp(60_000)]);
    expect(all.filter((p) => p.sellerId === e.sellerId).map((p) => p.amount.amount)).toEqual([rp(80_000)]);
    const [rows] = await t.db.query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM ledger_payouts WHERE owner_type = 'seller' AND owner_id = $1`, [a.sellerId]);
    expect(rows).toEqual({ n: 2, total: String(rp(210_000)) });
    expect(await ledger.balances('seller', a.sellerId)).toMatchObject({ available: { amount: 0 }, inTransit: { amount: rp(210_000) } });

    // The weekly key runs once.
    expect((await payouts.run({ requestedBy: null, runKey: 'weekly:test' })).payouts).toEqual([]);
    await expectZeroTrialBalance();
  });

  it('gives the bank bulk-transfer file of a batch and marks its payouts sent', async () => {
    const csv = await t.http().get(`/api/v1/admin/payouts/batches/${firstBatch.batchId}/transfers.csv`).set(bearer(admin.token));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('bank_code,account_number,account_holder_name,amount_idr,reference');
    const payoutA = firstBatch.payouts.find((p) => p.sellerId === a.sellerId)!;
    const payoutCoop = firstBatch.payouts.find((p) => p.cooperativeId === cooperativeId)!;
    expect(lines).toContain(`BCA,1234567890,Ni Luh Putu Sari,150000,${payoutA.id}`);
    expect(lines).toContain(`BNI,5550001111,Koperasi Saldo,75000,${payoutCoop.id}`);
    expect(lines).toHaveLength(1 + firstBatch.payouts.length);
    const batch = await t.http().get(`/api/v1/admin/payouts/batches/${firstBatch.batchId}`).set(bearer(admin.token));
    expect(batch.body.payouts.every((p: { status: string }) => p.status === 'sent')).toBe(true);
  });

  it('marks a payout paid once (in transit → paid out), and a failed one returns the money to available', async () => {
    const payoutA = firstBatch.payouts.find((p) => p.sellerId === a.sellerId)!;
    const paid = await t.http().post(`/api/v1/admin/payouts/${payoutA.id}/mark-paid`).set(bearer(admin.token)).send({ bankReference: 'BCA-20261207-0001' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: payoutA.id, status: 'paid', bankReference: 'BCA-20261207-0001', accountNumberLast4: '7890' });
    const twice = await t.http().post(`/api/v1/admin/payouts/${payoutA.id}/mark-paid`).set(bearer(admin.token)).send({ bankReference: 'other' });
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(paid.body);
    expect(await ledger.balances('seller', a.sellerId)).toMatchObject({ inTransit: { amount: rp(60_000) }, paidOut: { amount: rp(150_000) } });
    expect((await t.http().post(`/api/v1/admin/payouts/${payoutA.id}/mark-failed`).set(bearer(admin.token)).send({ reason: 'terlambat' })).status).toBe(409);
    await expectZeroTrialBalance();

    const payoutCoop = firstBatch.payouts.find((p) => p.cooperativeId === cooperativeId)!;
    const failed = await t.http().post(`/api/v1/admin/payouts/${payoutCoop.id}/mark-failed`).set(bearer(admin.token)).send({ reason: 'Rekening tidak ditemukan' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'Rekening tidak ditemukan' });
    expect((await t.http().post(`/api/v1/admin/payouts/${payoutCoop.id}/mark-failed`).set(bearer(admin.token)).send({ reason: 'lagi' })).body).toEqual(failed.body);
    expect((await t.http().post(`/api/v1/admin/payouts/${payoutCoop.id}/mark-paid`).set(bearer(admin.token)).send({ bankReference: 'X1' })).status).toBe(409);
    expect(await ledger.balances('cooperative', cooperativeId)).toMatchObject({ available: { amount: rp(75_000) + 55 }, inTransit: { amount: 0 } });
    const notices = (await jobs(t, { task: 'notify', state: 'any' })).filter((j) => j.payload.kind === 'payout.failed');
    expect(notices.map((j) => j.payload.userId)).toContain(coopAdmin.user.id);
    await expectZeroTrialBalance();

    // A seller's failed payout notifies its owner.
    const e = (await t.http().get('/api/v1/admin/payouts/batches?perPage=50').set(bearer(admin.token))).body;
    expect(e.items.length).toBeGreaterThanOrEqual(2);
    const [row] = await t.db.query(`SELECT id, owner_id FROM ledger_payouts WHERE owner_type = 'seller' AND owner_id <> $1 AND status = 'pending' LIMIT 1`, [a.sellerId]);
    expect((await t.http().post(`/api/v1/admin/payouts/${row.id}/mark-failed`).set(bearer(admin.token)).send({ reason: 'Nama tidak cocok' })).status).toBe(200);
    const owners = (await jobs(t, { task: 'notify', state: 'any' })).filter((j) => j.payload.kind === 'payout.failed' && (j.payload.params as { sellerId?: string }).sellerId === row.owner_id);
    expect(owners).toHaveLength(1);
    expect(owners[0]!.payload.params).toMatchObject({ asSeller: true, payoutId: row.id });
  });

  it('lets only the right people see and move payouts', async () => {
    const own = await t.http().get(`/api/v1/sellers/${a.sellerId}/payouts`).set(bearer(a.owner.token));
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(2);
    expect(own.body.items[0]).toMatchObject({ bankCode: 'BCA', accountNumberLast4: '7890' });
    expect(JSON.stringify(own.body)).not.toContain('1234567890');

    const stranger = await registerUser(t, 'artisan');
    expect((await t.http().get(`/api/v1/sellers/${a.sellerId}/payouts`).set(bearer(stranger.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/sellers/${randomUUID()}/payouts`).set(bearer(stranger.token))).status).toBe(404);
    expect((await setAccount(stranger.token, a.sellerId, { bankCode: 'BCA', accountNumber: '5555555555', accountHolderName: 'Pencuri' })).status).toBe(403);
    expect((await setAccount(admin.token, a.sellerId, { bankCode: 'BCA', accountNumber: '5555555555', accountHolderName: 'Admin' })).status).toBe(403);
    const payoutId = own.body.items[0].id;
    expect((await t.http().post(`/api/v1/admin/payouts/${payoutId}/mark-paid`).set(bearer(a.owner.token)).send({ bankReference: 'SENDIRI' })).status).toBe(403);
    expect((await t.http().post('/api/v1/admin/payouts/run').set(bearer(a.owner.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/admin/payouts/batches/${firstBatch.batchId}/transfers.csv`).set(bearer(a.owner.token))).status).toBe(403);
    const otherCoopAdmin = await createStaffUser(t, 'coop_admin');
    expect(
      (await t.http().put(`/api/v1/cooperatives/${cooperativeId}/payout-account`).set(bearer(otherCoopAdmin.token)).send({ bankCode: 'BNI', accountNumber: '5550002222', accountHolderName: 'Lain' }))
        .status,
    ).toBe(403);
    expect((await t.http().get(`/api/v1/cooperatives/${cooperativeId}/payouts`).set(bearer(coopAdmin.token))).body.total).toBe(1);
  });

  it('shows the Saldo page in Indonesian and English, with rupiah and only the last 4 digits', async () => {
    const id = await t.http().get(`/dashboard/sellers/${a.sellerId}/balance`).set(bearer(a.owner.token));
    expect(id.status).toBe(200);
    expect(id.text).toContain('Saldo');
    expect(id.text).toContain('Rp 150.000');
    expect(id.text).toContain('Rp 60.000');
    expect(id.text).toContain('•••• 7890');
    expect(id.text).not.toContain('1234567890');
    expect(id.text).not.toContain('Verifikasi email Anda');
    expect(id.text).toContain(`action="/dashboard/sellers/${a.sellerId}/payout-account"`);

    const en = await t.http().get(`/dashboard/sellers/${a.sellerId}/balance?lang=en`).set(bearer(a.owner.token));
    expect(en.status).toBe(200);
    expect(en.text).toContain('Payout account');
    expect(en.text).toContain('IDR 150,000');
    expect(en.text).not.toContain('1234567890');

    const blocked = await t.http().get(`/dashboard/sellers/${d.sellerId}/balance`).set(bearer(d.owner.token));
    expect(blocked.text).toContain('Rekening baru saja diganti');
    expect((await t.http().get(`/dashboard/sellers/${a.sellerId}/balance`).set(bearer(d.owner.token))).status).toBe(403);

    const adminPage = await t.http().get(`/dashboard/admin/payouts?batch=${firstBatch.batchId}`).set(bearer(admin.token));
    expect(adminPage.status).toBe(200);
    expect(adminPage.text).toContain(`/dashboard/admin/payouts/batches/${firstBatch.batchId}/transfers.csv`);
    expect(adminPage.text).toContain('Tenun A');
    expect(adminPage.text).not.toContain('1234567890');
    expect((await t.http().get('/dashboard/admin/payouts').set(bearer(a.owner.token))).status).toBe(403);
  });

  it('works as plain forms: the owner sets the account on the Saldo page, the admin runs, downloads and marks paid or failed', async () => {
    const signIn = (email: string, password: string) => signInWithForm(t, { email, password });
    const owner = await signIn(c.owner.email, c.owner.password);
    const dashboard = await owner.get('/dashboard');
    expect(dashboard.text).toContain(`href="/dashboard/sellers/${c.sellerId}/balance"`);
    const page = await owner.get(`/dashboard/sellers/${c.sellerId}/balance`);
    expect(page.text).toContain('Belum ada rekening pencairan');
    const bad = await owner
      .post(`/dashboard/sellers/${c.sellerId}/payout-account`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), bankCode: 'BRI', accountNumber: '12', accountHolderName: 'Made Ukir' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('accountNumber');
    const saved = await owner
      .post(`/dashboard/sellers/${c.sellerId}/payout-account`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), bankCode: 'BRI', accountNumber: '0123456789012', accountHolderName: 'Made Ukir' });
    expect(saved.status).toBe(303);
    const after = await owner.get(saved.headers.location!);
    expect(after.text).toContain('Rekening disimpan');
    expect(after.text).toContain('•••• 9012');
    expect(after.text).not.toContain('0123456789012');

    const staff = await signIn(admin.email, admin.password);
    const adminPage = await staff.get('/dashboard/admin/payouts');
    const ran = await staff
      .post('/dashboard/admin/payouts/run')
      .type('form')
      .send({ _csrf: csrfOf(adminPage.text) });
    expect(ran.status).toBe(303);
    const batchPage = await staff.get(ran.headers.location!);
    expect(batchPage.text).toContain('Ukir C');
    expect(batchPage.text).toContain('Rp 200.000');
    const [payout] = await t.db.query(`SELECT id, batch_id FROM ledger_payouts WHERE owner_id = $1`, [c.sellerId]);
    const csv = await staff.get(`/dashboard/admin/payouts/batches/${payout.batch_id}/transfers.csv`);
    expect(csv.text).toContain(`BRI,0123456789012,Made Ukir,200000,${payout.id}`);
    const paid = await staff
      .post(`/dashboard/admin/payouts/${payout.id}/mark-paid`)
      .type('form')
      .send({ _csrf: csrfOf(batchPage.text), batchId: payout.batch_id, bankReference: 'BRI-0001' });
    expect(paid.status).toBe(303);
    expect((await staff.get(paid.headers.location!)).text).toContain('Ditandai dibayar');
    const refused = await staff
      .post(`/dashboard/admin/payouts/${payout.id}/mark-failed`)
      .type('form')
      .send({ _csrf: csrfOf(batchPage.text), batchId: payout.batch_id, reason: 'terlambat' });
    expect(decodeURIComponent(refused.headers.location!)).toContain('cannot fail');
    expect(await ledger.balances('seller', c.sellerId)).toMatchObject({ available: { amount: 0 }, inTransit: { amount: 0 }, paidOut: { amount: rp(200_000) } });
    await expectZeroTrialBalance();
  });

  it('gives a cooperative its own Saldo page: its coop_admin sets the member fee and the payout account there; nobody else can', async () => {
    const signIn = (email: string, password: string) => signInWithForm(t, { email, password });
    const coop = await signIn(coopAdmin.email, coopAdmin.password);
    expect((await coop.get('/dashboard')).text).toContain(`href="/dashboard/cooperatives/${cooperativeId}/balance"`);
    const page = await coop.get(`/dashboard/cooperatives/${cooperativeId}/balance`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Koperasi Saldo');
    expect(page.text).toContain('Biaya anggota koperasi');

    const tooHigh = await coop
      .post(`/dashboard/cooperatives/${cooperativeId}/fees`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), memberFeePercent: '45' });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.text).toContain('memberFeeBps');
    const fee = await coop
      .post(`/dashboard/cooperatives/${cooperativeId}/fees`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), memberFeePercent: '2,5' });
    expect(fee.status).toBe(303);
    expect((await coop.get(fee.headers.location!)).text).toContain('Biaya anggota saat ini: 2,5 %');
    expect((await t.http().get(`/api/v1/cooperatives/${cooperativeId}/fees`).set(bearer(coopAdmin.token))).body.memberFeeBps).toBe(250);

    const saved = await coop
      .post(`/dashboard/cooperatives/${cooperativeId}/payout-account`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), bankCode: 'BPD_BALI', accountNumber: '0401020304', accountHolderName: 'Koperasi Saldo' });
    expect(saved.status).toBe(303);
    const after = await coop.get(saved.headers.location!);
    expect(after.text).toContain('Rekening disimpan');
    expect(after.text).toContain('•••• 0304');

    const otherCoop = (await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Koperasi Lain', regency: 'bangli', registrationNumber: '78/BH/XXVII/2021' })).body.id;
    const stranger = await createStaffUser(t, 'coop_admin', { cooperativeId: otherCoop });
    expect((await t.http().get(`/dashboard/cooperatives/${cooperativeId}/balance`).set(bearer(stranger.token))).status).toBe(403);
    expect((await t.http().get(`/dashboard/cooperatives/${cooperativeId}/balance`).set(bearer(a.owner.token))).status).toBe(403);
    // An admin sees it, and may not redirect the cooperative's money to another account.
    const staff = await signIn(admin.email, admin.password);
    const adminView = await staff.get(`/dashboard/cooperatives/${cooperativeId}/balance?lang=en`);
    expect(adminView.status).toBe(200);
    expect(adminView.text).toContain('Cooperative member fee');
    const refused = await staff
      .post(`/dashboard/cooperatives/${cooperativeId}/payout-account`)
      .type('form')
      .send({ _csrf: csrfOf(adminView.text), bankCode: 'BCA', accountNumber: '9999999999', accountHolderName: 'Admin' });
    expect(refused.status).toBe(403);
  });
});
