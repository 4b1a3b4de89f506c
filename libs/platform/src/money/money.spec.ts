import { describe, expect, it } from '@jest/globals';
import { convertMoney, formatIdr, formatMoney, money, rupiah } from './money.js';

describe('money', () => {
  it('formats rupiah the Indonesian way', () => {
    expect(formatIdr(15_000_000)).toBe('Rp 150.000');
    expect(formatIdr(123_456_700)).toBe('Rp 1.234.567');
    expect(formatMoney(money(15_050, 'IDR'))).toBe('Rp 150,50');
  });

  it('turns whole rupiah into minor units', () => {
    expect(rupiah(250_000)).toEqual({ amount: 25_000_000, currency: 'IDR' });
  });

  it('converts with rounding to the target minor unit', () => {
    expect(convertMoney(money(15_000_000), 'USD', 1 / 16_000)).toEqual({ amount: 938, currency: 'USD' });
    expect(convertMoney(money(15_000_000), 'JPY', 0.0095)).toEqual({ amount: 1425, currency: 'JPY' });
    expect(formatMoney(money(938, 'USD'), 'en')).toBe('$9.38');
  });

  it('refuses fractional minor units', () => {
    expect(() => money(1.5)).toThrow(RangeError);
  });
});
