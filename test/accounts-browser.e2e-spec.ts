import { describe, expect, it } from '@jest/globals';
import { expectAccessible, snap, useBrowserApp } from './support/browser.js';
import { linkIn, startSmtp, type ReceivedMail } from './support/smtp.js';
import { registerUser } from './support/test-app.js';

/** A forgotten password on a 360 px phone without JavaScript: the mail's link, a new password, signed in. */
describe('accounts in a browser', () => {
  const t = useBrowserApp({ standIn: startSmtp });

  it('walks forgot password → email link → new password → signed in', async () => {
    const user = await registerUser(t, 'artisan', 'Ni Made Lupa');
    const context = await t.context('phone', { javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto(`${t.base}/login`);
    await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
    await page.getByLabel('Email').fill(user.email);
    expect((await snap(page, 'accounts-forgot-password-phone')).overflow).toBe(0);
    await expectAccessible(page, 'accounts-forgot-password-phone');
    await page.getByRole('button', { name: 'Kirim tautan' }).click();
    await expect(page.getByText('Jika email itu terdaftar').isVisible()).resolves.toBe(true);

    const link = linkIn(await t.standIn.waitFor(user.email, (m) => m.text.includes('/reset-password?token=')), '/reset-password');
    await page.goto(`${t.base}${link.pathname}${link.search}`);
    await page.getByLabel('Kata sandi baru').fill('kata-sandi-baru-9');
    expect((await snap(page, 'accounts-reset-password-phone')).overflow).toBe(0);
    await expectAccessible(page, 'accounts-reset-password-phone');
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    expect(new URL(page.url()).search).toBe('?reset=1');
    await expect(page.getByText('Kata sandi sudah diganti').isVisible()).resolves.toBe(true);

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Kata sandi', { exact: true }).fill('kata-sandi-baru-9');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.goto(`${t.base}/dashboard`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ni Made Lupa');
    // The reset link reached the address: no verification banner any more.
    expect(await page.getByText('belum diverifikasi').count()).toBe(0);
    await page.goto(`${t.base}/dashboard/account`);
    expect((await snap(page, 'accounts-account-phone')).overflow).toBe(0);
    await expectAccessible(page, 'accounts-account-phone');
    await expect(page.getByRole('button', { name: 'Keluar dari perangkat ini' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('shows an unverified account the banner on the dashboard, resends the link, and verifies with its button', async () => {
    const email = `ni.luh.putu.sekar.ayu.wulandari.${Date.now()}@perajin-tenun-sidemen.example.test`;
    expect((await t.http().post('/api/v1/auth/register').send({ email, password: 'correct-horse-1', name: 'Luh Sekar', role: 'artisan' })).status).toBe(201);
    const isVerification = (m: ReceivedMail) => m.text.includes('/verify-email?token=');
    // The sign-up's mail first, so the resent one is a mail of its own (a waiting job would take both).
    const first = linkIn(await t.standIn.waitFor(email, isVerification), '/verify-email').href;
    const context = await t.context('phone', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.base}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Kata sandi', { exact: true }).fill('correct-horse-1');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.goto(`${t.base}/dashboard`);
    await expect(page.getByText('belum diverifikasi').isVisible()).resolves.toBe(true);
    expect((await snap(page, 'accounts-verify-banner-phone')).overflow).toBe(0);
    await expectAccessible(page, 'accounts-verify-banner-phone');
    await page.getByRole('button', { name: 'Kirim ulang tautan verifikasi' }).click();
    await expect(page.getByText('Tautan verifikasi baru sudah dikirim').isVisible()).resolves.toBe(true);

    const link = linkIn(await t.standIn.waitFor(email, (m) => isVerification(m) && linkIn(m, '/verify-email').href !== first), '/verify-email');
    await page.goto(`${t.base}${link.pathname}${link.search}`);
    await page.getByRole('button', { name: 'Verifikasi email saya' }).click();
    await expect(page.getByText('Email Anda sudah terverifikasi').isVisible()).resolves.toBe(true);
    await page.goto(`${t.base}/dashboard`);
    expect(await page.getByText('belum diverifikasi').count()).toBe(0);
    await context.close();
  });
});
