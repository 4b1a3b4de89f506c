import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainEvents, type Text } from '#libs/platform';
import type { EntityManager } from 'typeorm';
import type { ExportListing } from '../products/export-listing.js';
import type { Dimensions } from '../products/product.entity.js';
import { ProductChanged } from '../catalogue.events.js';
import { StockService, type LedgerEntry, type StockReason } from '../products/stock.service.js';

/** A product for a bulk upsert (CSV import, demo data); identified by `handle` within its seller. */
export interface BulkProduct {
  handle: string;
  title: Text;
  description: Text;
  categorySlug: string;
  priceAmount: number;
  status: 'draft' | 'active';
  materials: string[];
  weightGrams: number | null;
  hsCode: string | null;
  technique?: string | null;
  originVillage?: string | null;
  dimensions?: Dimensions | null;
  export?: ExportListing | null;
  /** Used when there are no variants. */
  stock?: number;
  variants: Array<{ sku: string; options: Record<string, string>; priceAmount: number | null; stock: number }>;
}

/**
 * Writes many products in a handful of statements (jsonb_to_recordset), upserting by
 * handle and variants by SKU, with their ledger rows and `ProductChanged` events, in the caller's
 * transaction. This is what makes a 10,000-row import take seconds.
 */
@Injectable()
export class ProductBulkWriter {
  constructor(
    private readonly stock: StockService,
    private readonly events: DomainEvents,
  ) {}

  async upsert(
    manager: EntityManager,
    sellerId: string,
    products: BulkProduct[],
    ledger: { reason: StockReason; referenceId: string | null; actorId: string | null },
  ): Promise<{ created: number; updated: number; ids: string[] }> {
    if (products.length === 0) return { created: 0, updated: 0, ids: [] };
    const existing: Array<{ id: string; handle: string; stock: number }> = await manager.query(
      `SELECT id, handle, stock FROM products WHERE seller_id = $1 AND handle = ANY($2) ORDER BY id FOR UPDATE`,
      [sellerId, products.map((p) => p.handle)],
    );
    const byHandle = new Map(existing.map((row) => [row.handle, row]));
    const oldVariants: Array<{ id: string; product_id: string; sku: string; stock: number }> = existing.length
      ? await manager.query(`SELECT id, product_id, sku, stock FROM product_variants WHERE product_id = ANY($1)`, [existing.map((e) => e.id)])
      : [];
    const variantKey = (productId: string, sku: string) => `${productId}\u0000${sku}`;
    const oldVariant = new Map(oldVariants.map((v) => [variantKey(v.product_id, v.sku), v]));
    const hadVariants = new Set(oldVariants.map((v) => v.product_id));

    const entries: LedgerEntry[] = [];
    const productRows = [];
    const variantRows = [];
    // Products whose stock is the sum of their variants, set once the variants are written.
    const summed = new Set<string>();
    for (const product of products) {
      const old = byHandle.get(product.handle);
      const id = old?.id ?? randomUUID();
      // A row without SKU or options for a product that has variants changes none of them, so its
      // stock stays their sum (as the API ignores `stock` then).
      const keepsVariants = !product.variants.length && hadVariants.has(id);
      if (product.variants.length || keepsVariants) summed.add(id);
      const stock = product.variants.length ? product.variants.reduce((sum, v) => sum + v.stock, 0) : keepsVariants ? old!.stock : (product.stock ?? 0);
      productRows.push({
        id,
        handle: product.handle,
        title: product.title,
        description: product.description,
        category_slug: product.categorySlug,
        price_amount: product.priceAmount,
        stock,
        status: product.status,
        materials: product.materials,
        weight_grams: product.weightGrams,
        hs_code: product.hsCode,
        technique: product.technique ?? null,
        origin_village: product.originVillage ?? null,
        dimensions: product.dimensions ?? null,
        export: product.export ?? null,
      });
      if (!product.variants.length) {
        if (!keepsVariants) entries.push({ productId: id, delta: stock - (old?.stock ?? 0) });
        continue;
      }
      if (old && !hadVariants.has(id)) entries.push({ productId: id, delta: -old.stock });
      for (const [position, variant] of product.variants.entries()) {
        const previous = oldVariant.get(variantKey(id, variant.sku));
        const variantId = previous?.id ?? randomUUID();
        variantRows.push({ id: variantId, product_id: id, sku: variant.sku, options: variant.options, price_amount: variant.priceAmount, stock: variant.stock, position });
        entries.push({ productId: id, variantId, delta: variant.stock - (previous?.stock ?? 0) });
      }
    }

    await manager.query(
      `INSERT INTO products (id, seller_id, handle, title, description, category_slug, price_amount, stock, status, materials,
                             weight_grams, hs_code, technique, origin_village, dimensions, export)
       SELECT x.id, $1, x.handle, x.title, x.description, x.category_slug, x.price_amount, x.stock, x.status, x.materials,
              x.weight_grams, x.hs_code, x.technique, x.origin_village, x.dimensions, x.export
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, handle text, title jsonb, description jsonb, category_slug text, price_amount bigint,
            stock int, status text, materials text[], weight_grams int, hs_code text, technique text, origin_village text, dimensions jsonb, export jsonb)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, category_slug = excluded.category_slug,
         price_amount = excluded.price_amount, stock = excluded.stock, status = excluded.status, materials = excluded.materials,
         weight_grams = excluded.weight_grams, hs_code = excluded.hs_code,
         technique = coalesce(excluded.technique, products.technique), origin_village = coalesce(excluded.origin_village, products.origin_village),
         dimensions = coalesce(excluded.dimensions, products.dimensions), export = coalesce(excluded.export, products.export), updated_at = now()`,
      [sellerId, JSON.stringify(productRows)],
    );
    if (variantRows.length) {
      await manager.query(
        `INSERT INTO product_variants (id, product_id, sku, options, price_amount, stock, position)
         SELECT x.id, x.product_id, x.sku, x.options, x.price_amount, x.stock, x.position
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, product_id uuid, sku text, options jsonb, price_amount bigint, stock int, position int)
         ON CONFLICT (id) DO UPDATE SET options = excluded.options, price_amount = excluded.price_amount, stock = excluded.stock,
           position = excluded.position, updated_at = now()`,
        [JSON.stringify(variantRows)],
      );
    }
    if (summed.size) {
      // Variants the file did not mention stay; the product's stock is the sum of all of them.
      await manager.query(
        `UPDATE products p SET stock = s.total FROM (SELECT product_id, sum(stock)::int AS total FROM product_variants WHERE product_id = ANY($1) GROUP BY product_id) s
         WHERE p.id = s.product_id AND p.stock <> s.total`,
        [[...summed]],
      );
    }
    await this.stock.record(manager, entries, ledger.reason, ledger.referenceId, ledger.actorId);
    await this.events.record(
      manager,
      ProductChanged,
      productRows.map((p) => ({ productId: p.id, sellerId })),
    );
    return { created: products.length - existing.length, updated: existing.length, ids: productRows.map((p) => p.id) };
  }
}
