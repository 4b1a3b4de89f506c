import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';

/**
 * Sellers and cooperatives written straight into their tables, so catalogue tests do not
 * depend on the sellers API's request shapes (the sellers tests cover those).
 */
export async function insertCooperative(t: TestApp, name = 'Koperasi Tenun Sidemen', regency = 'karangasem'): Promise<string> {
  const [row] = await t.db.query(`INSERT INTO cooperatives (name, regency, registration_number) VALUES ($1, $2, $3) RETURNING id`, [name, regency, `BH-${randomBytes(4).toString('hex')}`]);
  return row.id;
}

export async function insertSeller(t: TestApp, ownerId: string, name: string, options: { regency?: string; cooperativeId?: string; whatsapp?: string } = {}): Promise<string> {
  const slug = `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)}-${randomBytes(3).toString('hex')}`;
  const [row] = await t.db.query(`INSERT INTO sellers (owner_id, cooperative_id, slug, name, regency, whatsapp, business_form) VALUES ($1, $2, $3, $4, $5, $6, 'individual') RETURNING id`, [
    ownerId,
    options.cooperativeId ?? null,
    slug,
    name,
    options.regency ?? 'gianyar',
    options.whatsapp ?? null,
  ]);
  return row.id;
}
