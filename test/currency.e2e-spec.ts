import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExchangeRates } from '#libs/currency';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

describe('exchange rates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('lists the seeded rates with their dates', async () => {
    const response = await t.http().get('/api/v1/exchange-rates');
    expect(response.status).toBe(200);
    expect(response.body.base).toBe('IDR');
    expect(response.body.rates.map((r: { currency: string }) => r.currency)).toEqual(['AUD', 'CNY', 'EUR', 'GBP', 'JPY', 'SGD', 'USD']);
    const usd = response.body.rates.find((r: { currency: string }) => r.currency === 'USD');
    expect(usd).toMatchObject({ idrPerUnit: 16650, asOf: '2026-11-27' });
  });

  it('converts IDR for display, rounding to the target minor unit, with the rate date', async () => {
    const rates = t.app.get(ExchangeRates);
    const usd = await rates.convert({ amount: 16_650_000, currency: 'IDR' }, 'USD'); // Rp 166.500
    expect(usd).toMatchObject({ money: { amount: 1000, currency: 'USD' }, asOf: '2026-11-27' });
    const yen = await rates.convert({ amount: 1_084_000, currency: 'IDR' }, 'jpy'); // Rp 10.840
    expect(yen.money).toEqual({ amount: 100, currency: 'JPY' });
    await expect(rates.convert({ amount: 100, currency: 'IDR' }, 'XYZ')).rejects.toMatchObject({ status: 422 });
  });

  it('lets only an admin set a rate, validating the currency and the body', async () => {
    const buyer = await registerUser(t, 'buyer');
    const admin = await createStaffUser(t, 'admin');
    expect((await t.http().put('/api/v1/exchange-rates/USD').send({ rate: 0.00006, asOf: '2026-11-28' })).status).toBe(401);
    expect((await t.http().put('/api/v1/exchange-rates/USD').set(bearer(buyer.token)).send({ rate: 0.00006, asOf: '2026-11-28' })).status).toBe(403);

    const bad = await t.http().put('/api/v1/exchange-rates/XX1').set(bearer(admin.token)).send({ rate: 0.00006, asOf: '2026-11-28' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('currency');
    const negative = await t.http().put('/api/v1/exchange-rates/USD').set(bearer(admin.token)).send({ rate: -1, asOf: '2026-11-28' });
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0].field).toBe('rate');
    const badDate = await t.http().put('/api/v1/exchange-rates/USD').set(bearer(admin.token)).send({ rate: 0.00006, asOf: 'yesterday' });
    expect(badDate.body.errors[0].field).toBe('asOf');

    const set = await t.http().put('/api/v1/exchange-rates/usd').set(bearer(admin.token)).send({ rate: 0.00006, asOf: '2026-11-26' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ currency: 'USD', rate: 0.00006, idrPerUnit: 16666.6667, asOf: '2026-11-26' });
    const converted = await t.app.get(ExchangeRates).convert({ amount: 100_000_000, currency: 'IDR' }, 'USD');
    expect(converted).toMatchObject({ money: { amount: 6000, currency: 'USD' }, asOf: '2026-11-26' });

    const added = await t.http().put('/api/v1/exchange-rates/MYR').set(bearer(admin.token)).send({ rate: 0.00028, asOf: '2026-11-26' });
    expect(added.status).toBe(200);
    expect((await t.http().get('/api/v1/exchange-rates')).body.rates).toContainEqual(expect.objectContaining({ currency: 'MYR' }));
  });
});
