import { Injectable } from '@nestjs/common';
import { conflict, DomainEvents, invalid, notFound } from '#libs/platform';
import type { EntityManager } from 'typeorm';
import { ProductChanged } from '../catalogue.events.js';

export interface StockLine {
  productId: string;
  variantId?: string | null;
  quantity: number;
}

export type StockReason = 'adjustment' | 'reservation' | 'release' | 'sale' | 'import';

export interface LedgerEntry {
  productId: string;
  variantId?: string | null;
  delta: number;
}

/** A product row an UPDATE … RETURNING gave back. */
interface ProductRef {
  id: string;
  seller_id: string;
}

/** Rows of an UPDATE … RETURNING (TypeORM answers [rows, count] for those on PostgreSQL). */
function returned(result: unknown): unknown[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
}

/**
 * On-hand stock. Every change is a conditional UPDATE in the caller's transaction plus a
 * ledger row, so stock never goes below zero whatever the concurrency: PostgreSQL re-checks
 * `stock >= qty` on the row version it locks. Reservations, releases and corrections change the
 * product, so they record `ProductChanged`; the ledger itself (`record`) only records stock.
 */
@Injectable()
export class StockService {
  constructor(private readonly events: DomainEvents) {}

  /** Takes `lines` out of stock or throws 409 naming the first product that is short (nothing is taken then, if the caller rolls back). */
  async reserve(manager: EntityManager, lines: StockLine[], referenceId: string, actorId: string | null = null): Promise<void> {
    const ordered = this.validated(lines);
    await this.lockProducts(
      manager,
      ordered.map(({ line }) => line.productId),
    );
    const changed: ProductRef[] = [];
    for (const { line, index } of ordered) {
      const rows = line.variantId
        ? returned(
            await manager.query(
              `WITH v AS (
                 UPDATE product_variants SET stock = stock - $3, updated_at = now()
                 WHERE id = $2 AND product_id = $1 AND stock >= $3 RETURNING id)
               UPDATE products SET stock = stock - $3, updated_at = now()
               WHERE id = $1 AND status = 'active' AND EXISTS (SELECT 1 FROM v) RETURNING id, seller_id`,
              [line.productId, line.variantId, line.quantity],
            ),
          )
        : returned(
            await manager.query(
              `UPDATE products SET stock = stock - $2, updated_at = now()
               WHERE id = $1 AND status = 'active' AND stock >= $2
                 AND NOT EXISTS (SELECT 1 FROM product_variants WHERE product_id = $1)
               RETURNING id, seller_id`,
              [line.productId, line.quantity],
            ),
          );
      if (rows.length === 0) await this.explainShortage(manager, line, index);
      changed.push(...(rows as ProductRef[]));
    }
    await this.record(
      manager,
      ordered.map(({ line }) => ({ ...line, delta: -line.quantity })),
      'reservation',
      referenceId,
      actorId,
    );
    await this.productsChanged(manager, changed);
  }

  /**
   * Puts reserved stock back (a cancelled or expired order). A line whose variant was removed
   * since, or whose product has gained variants, takes nothing back: that stock left the
   * product with the change, and the product keeps the sum of its variants.
   */
  async release(manager: EntityManager, lines: StockLine[], referenceId: string, actorId: string | null = null): Promise<void> {
    const ordered = this.validated(lines);
    await this.lockProducts(
      manager,
      ordered.map(({ line }) => line.productId),
    );
    const released: StockLine[] = [];
    const changed: ProductRef[] = [];
    for (const { line } of ordered) {
      const rows = line.variantId
        ? returned(
            await manager.query(
              `WITH v AS (
                 UPDATE product_variants SET stock = stock + $3, updated_at = now() WHERE id = $2 AND product_id = $1 RETURNING id)
               UPDATE products SET stock = stock + $3, updated_at = now() WHERE id = $1 AND EXISTS (SELECT 1 FROM v) RETURNING id, seller_id`,
              [line.productId, line.variantId, line.quantity],
            ),
          )
        : returned(
            await manager.query(
              `UPDATE products SET stock = stock + $2, updated_at = now()
               WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM product_variants WHERE product_id = $1) RETURNING id, seller_id`,
              [line.productId, line.quantity],
            ),
          );
      if (rows.length) released.push(line);
      changed.push(...(rows as ProductRef[]));
    }
    await this.record(
      manager,
      released.map((line) => ({ ...line, delta: line.quantity })),
      'release',
      referenceId,
      actorId,
    );
    await this.productsChanged(manager, changed);
  }

  /**
   * A seller's correction of on-hand stock (a count, goods made or damaged) by `delta`, refused
   * with 409 when it would go below zero. Returns the new stock of the product and the variant.
   */
  async adjust(
    manager: EntityManager,
    line: { productId: string; variantId?: string | null; delta: number },
    actorId: string,
    note: string | null = null,
  ): Promise<{ stock: number; variantStock?: number }> {
    let variantStock: number | undefined;
    await this.lockProducts(manager, [line.productId]);
    if (line.variantId) {
      const [variant] = returned(
        await manager.query(`UPDATE product_variants SET stock = stock + $3, updated_at = now() WHERE id = $2 AND product_id = $1 AND stock + $3 >= 0 RETURNING stock`, [
          line.productId,
          line.variantId,
          line.delta,
        ]),
      ) as Array<{ stock: number }>;
      if (!variant) await this.explainAdjustment(manager, line);
      variantStock = variant!.stock;
    }
    const [product] = returned(
      await manager.query(
        `UPDATE products SET stock = stock + $2, updated_at = now()
         WHERE id = $1 AND stock + $2 >= 0 AND ($3 OR NOT EXISTS (SELECT 1 FROM product_variants WHERE product_id = $1)) RETURNING stock, id, seller_id`,
        [line.productId, line.delta, !!line.variantId],
      ),
    ) as Array<{ stock: number } & ProductRef>;
    if (!product) await this.explainAdjustment(manager, line);
    await this.record(manager, [line], 'adjustment', note, actorId);
    await this.productsChanged(manager, [product!]);
    return { stock: product!.stock, ...(variantStock !== undefined ? { variantStock } : {}) };
  }

  /** Writes ledger rows for stock changes already applied (the caller records what else changed). */
  async record(manager: EntityManager, entries: LedgerEntry[], reason: StockReason, referenceId: string | null, actorId: string | null): Promise<void> {
    const changed = entries.filter((e) => e.delta !== 0);
    if (changed.length === 0) return;
    await manager.query(
      `INSERT INTO stock_ledger (product_id, variant_id, delta, reason, reference_id, actor_id)
       SELECT p, v, d, $4, $5, $6 FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(p, v, d)`,
      [changed.map((e) => e.productId), changed.map((e) => e.variantId ?? null), changed.map((e) => e.delta), reason, referenceId, actorId],
    );
  }

  private async productsChanged(manager: EntityManager, rows: ProductRef[]): Promise<void> {
    const bySeller = new Map(rows.map((row) => [row.id, row.seller_id]));
    await this.events.record(
      manager,
      ProductChanged,
      [...bySeller].map(([productId, sellerId]) => ({ productId, sellerId, stockOnly: true })),
    );
  }

  /**
   * Every writer locks products (in id order) before their variants: reservations, releases,
   * corrections, product edits and imports then never wait on each other in a cycle.
   */
  private async lockProducts(manager: EntityManager, productIds: string[]) {
    await manager.query(`SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(productIds)]]);
  }

  /** Positive whole quantities, in one lock order (product, variant) so two checkouts cannot deadlock. */
  private validated(lines: StockLine[]) {
    lines.forEach((line, index) => {
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw invalid(`lines[${index}].quantity`, 'must be a whole number of at least 1');
    });
    return lines
      .map((line, index) => ({ line, index }))
      .sort((a, b) => a.line.productId.localeCompare(b.line.productId) || String(a.line.variantId ?? '').localeCompare(String(b.line.variantId ?? '')));
  }

  private async explainAdjustment(manager: EntityManager, line: { productId: string; variantId?: string | null; delta: number }): Promise<never> {
    const [row] = await manager.query(
      `SELECT p.stock, EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id) AS has_variants,
              (SELECT v.stock FROM product_variants v WHERE v.id = $2 AND v.product_id = p.id) AS variant_stock
       FROM products p WHERE p.id = $1`,
      [line.productId, line.variantId ?? null],
    );
    if (line.variantId && (!row || row.variant_stock === null)) throw invalid('variantId', 'is not a variant of this product');
    if (!line.variantId && row?.has_variants) throw invalid('variantId', 'is required: this product has variants');
    const available = line.variantId ? row.variant_stock : row.stock;
    throw conflict(`Stock cannot go below zero: ${available} on hand, change of ${line.delta}`, { errors: [{ field: 'delta', message: `only ${available} on hand` }], available });
  }

  private async explainShortage(manager: EntityManager, line: StockLine, index: number): Promise<never> {
    const [product] = await manager.query(
      `SELECT p.title, p.status, p.stock, EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id) AS has_variants,
              (SELECT v.stock FROM product_variants v WHERE v.id = $2 AND v.product_id = p.id) AS variant_stock
       FROM products p WHERE p.id = $1`,
      [line.productId, line.variantId ?? null],
    );
    if (!product) throw notFound(`Product ${line.productId}`);
    const title = (product.title as { id: string }).id;
    const field = `lines[${index}]`;
    if (product.status !== 'active') throw conflict(`${title} is not for sale now`, { errors: [{ field, message: 'product is not active' }], productId: line.productId });
    if (line.variantId && product.variant_stock === null) throw invalid(`${field}.variantId`, `is not a variant of ${title}`);
    if (!line.variantId && product.has_variants) throw invalid(`${field}.variantId`, `${title} has variants: choose one`);
    const available = line.variantId ? product.variant_stock : product.stock;
    throw conflict(`Not enough stock for ${title}: ${available} left, ${line.quantity} asked`, {
      errors: [{ field: `${field}.quantity`, message: `only ${available} left` }],
      productId: line.productId,
      available,
    });
  }
}
