import { describe, expect, it } from '@jest/globals';
import { checkTransition, nextStatuses } from './order-state-machine.js';
import { shippingCost, zoneOf } from '../shipping/shipping-zones.js';

describe('order state machine', () => {
  it('allows the happy path in order, each step to its role', () => {
    expect(checkTransition('pending_payment', 'paid', ['admin']).ok).toBe(true);
    expect(checkTransition('pending_payment', 'paid', ['system']).ok).toBe(true);
    expect(checkTransition('paid', 'processing', ['seller']).ok).toBe(true);
    expect(checkTransition('processing', 'shipped', ['seller'])).toMatchObject({ ok: true, transition: { needsTrackingNumber: true } });
    expect(checkTransition('shipped', 'delivered', ['buyer']).ok).toBe(true);
    // The seller only while no courier service tracks parcels (BITESHIP_API_KEY unset).
    expect(checkTransition('shipped', 'delivered', ['seller']).ok).toBe(true);
    expect(checkTransition('shipped', 'delivered', ['seller'], { tracked: true })).toEqual({ ok: false, reason: 'role' });
    expect(checkTransition('shipped', 'delivered', ['buyer'], { tracked: true }).ok).toBe(true);
    expect(nextStatuses('shipped', ['seller'], { tracked: true })).toEqual([]);
    expect(checkTransition('delivered', 'completed', ['buyer']).ok).toBe(true);
  });

  it('lets the buyer confirm receipt from shipped, and the system complete, but not the seller', () => {
    expect(checkTransition('shipped', 'completed', ['buyer']).ok).toBe(true);
    expect(checkTransition('delivered', 'completed', ['system']).ok).toBe(true);
    expect(checkTransition('shipped', 'completed', ['system']).ok).toBe(true);
    expect(checkTransition('delivered', 'completed', ['seller'])).toEqual({ ok: false, reason: 'role' });
    expect(checkTransition('processing', 'completed', ['buyer'])).toEqual({ ok: false, reason: 'state' });
  });

  it('tells a forbidden state (409) from a forbidden role (403)', () => {
    expect(checkTransition('pending_payment', 'shipped', ['seller'])).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition('completed', 'cancelled', ['buyer', 'seller'])).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition('pending_payment', 'paid', ['buyer'])).toEqual({ ok: false, reason: 'role' });
    expect(checkTransition('pending_payment', 'paid', ['seller'])).toEqual({ ok: false, reason: 'role' });
    expect(checkTransition('paid', 'cancelled', ['buyer'])).toEqual({ ok: false, reason: 'role' });
    expect(checkTransition('shipped', 'refunded', ['seller'])).toEqual({ ok: false, reason: 'role' });
  });

  it('restocks on cancel and refund only', () => {
    expect(checkTransition('pending_payment', 'cancelled', ['buyer'])).toMatchObject({ transition: { restocks: true } });
    expect(checkTransition('completed', 'refunded', ['admin'])).toMatchObject({ transition: { restocks: true } });
    const processing = checkTransition('paid', 'processing', ['seller']);
    expect(processing.ok && processing.transition.restocks).toBeFalsy();
  });

  it('lists the moves a role may make now', () => {
    expect(nextStatuses('pending_payment', ['seller'])).toEqual(['cancelled']);
    expect(nextStatuses('pending_payment', ['admin'])).toEqual(['paid']);
    expect(nextStatuses('pending_payment', ['buyer'])).toEqual(['cancelled']);
    expect(nextStatuses('refunded', ['buyer', 'seller', 'admin'])).toEqual([]);
  });
});

describe('shipping zones and cost', () => {
  it('zones Indonesian addresses by island from the postal code, which wins over a typed region', () => {
    expect(zoneOf({ country: 'ID', postalCode: '80571' })).toBe('bali');
    expect(zoneOf({ country: 'ID', postalCode: '10110' })).toBe('java');
    expect(zoneOf({ country: 'ID', postalCode: '60111' })).toBe('java');
    expect(zoneOf({ country: 'ID', postalCode: '83125' })).toBe('nusa-tenggara');
    expect(zoneOf({ country: 'ID', postalCode: '20111' })).toBe('sumatra');
    expect(zoneOf({ country: 'ID', postalCode: '75111' })).toBe('kalimantan');
    expect(zoneOf({ country: 'ID', postalCode: '90111' })).toBe('sulawesi');
    expect(zoneOf({ country: 'ID', postalCode: '99111' })).toBe('maluku-papua');
    expect(zoneOf({ country: 'ID', postalCode: 'abc', region: 'Sulawesi' })).toBe('sulawesi');
    expect(zoneOf({ country: 'ID', postalCode: '99111', region: 'bali' })).toBe('maluku-papua');
    expect(zoneOf({ country: 'ID', postalCode: '00000' })).toBeUndefined();
  });

  it('zones other countries by region', () => {
    expect(zoneOf({ country: 'SG', postalCode: '018989' })).toBe('asean');
    expect(zoneOf({ country: 'AU', postalCode: '3065' })).toBe('asia-pacific');
    expect(zoneOf({ country: 'de', postalCode: '10115' })).toBe('europe');
    expect(zoneOf({ country: 'BR', postalCode: '01000' })).toBe('americas');
    expect(zoneOf({ country: 'ZA', postalCode: '8001' })).toBe('rest');
  });

  it('charges the first kilogram, then each started kilogram', () => {
    const rate = { firstKgAmount: 1_200_000, perKgAmount: 800_000 };
    expect(shippingCost(rate, 0)).toBe(1_200_000);
    expect(shippingCost(rate, 1000)).toBe(1_200_000);
    expect(shippingCost(rate, 1001)).toBe(2_000_000);
    expect(shippingCost(rate, 3500)).toBe(3_600_000);
  });
});
