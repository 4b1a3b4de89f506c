import { expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { bearer, createStaffUser, registerUser, type TestApp } from './test-app.js';

export type Session = Awaited<ReturnType<typeof registerUser>>;

export const BALI_ADDRESS = { name: 'Ni Luh Putu', line1: 'Jl. Raya Ubud 8', city: 'Gianyar', postalCode: '80571', country: 'ID' };

/** An artisan with a seller; `product()` adds an active product to it. */
export async function createSeller(t: TestApp, name: string) {
  const owner = await registerUser(t, 'artisan', `Owner of ${name}`);
  // Seller onboarding has its own tests; here the row is enough.
  const [seller] = await t.db.query(`INSERT INTO sellers (owner_id, slug, name, regency, business_form) VALUES ($1, $2, $3, 'gianyar', 'individual') RETURNING id`, [
    owner.user.id,
    `toko-${randomBytes(5).toString('hex')}`,
    name,
  ]);
  const sellerId = seller.id as string;
  const product = async (extra: Record<string, unknown> = {}) => {
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send({
        title: { id: `Produk ${name}`, en: `Product of ${name}` },
        description: { id: 'Buatan tangan.' },
        categorySlug: 'anyaman-bambu',
        price: { amount: 15_000_000, currency: 'IDR' },
        stock: 5,
        status: 'active',
        weightGrams: 350,
        ...extra,
      });
    expect(created.status).toBe(201);
    return created.body as { id: string; variants: Array<{ id: string }> };
  };
  return { owner, sellerId, product };
}

export async function stockOf(t: TestApp, productId: string): Promise<number> {
  const [row] = await t.db.query(`SELECT stock FROM products WHERE id = $1`, [productId]);
  return row.stock as number;
}

export async function addToCart(t: TestApp, token: string, productId: string, quantity: number, variantId?: string) {
  return t
    .http()
    .post('/api/v1/cart/items')
    .set(bearer(token))
    .send({ productId, quantity, ...(variantId ? { variantId } : {}) });
}

export async function checkout(t: TestApp, token: string, extra: Record<string, unknown> = {}) {
  return t
    .http()
    .post('/api/v1/checkout')
    .set(bearer(token))
    .send({ paymentMethod: 'bank_transfer', shippingAddress: BALI_ADDRESS, ...extra });
}

const admins = new WeakMap<TestApp, Promise<string>>();

/** A platform admin's token for this app (one per app): only the platform confirms payments. */
export function adminToken(t: TestApp): Promise<string> {
  if (!admins.has(t))
    admins.set(
      t,
      createStaffUser(t, 'admin').then((admin) => admin.token),
    );
  return admins.get(t)!;
}

/** Who makes a move on an order in tests: the platform confirms payment, the buyer receives, the seller does the rest. */
export async function tokenFor(t: TestApp, to: string, tokens: { buyer: string; seller: string }): Promise<string> {
  if (to === 'paid') return adminToken(t);
  return to === 'delivered' || to === 'completed' ? tokens.buyer : tokens.seller;
}
