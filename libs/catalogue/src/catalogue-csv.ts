import { parse } from 'csv-parse/sync';
import { sanitizeRichText, type Text } from '#libs/platform';
import type { ImportError } from './import.entity.js';
import type { BulkProduct } from './product-bulk-writer.js';

/** The CSV columns of API.md; `*` ones are required on a handle's first row. */
export const CSV_COLUMNS = [
  'handle', 'title_id', 'title_en', 'description_id', 'description_en', 'category', 'price_idr', 'stock', 'sku',
  'option1_name', 'option1_value', 'option2_name', 'option2_value', 'materials', 'weight_grams', 'hs_code', 'status',
] as const;
const REQUIRED = ['handle', 'title_id', 'category', 'price_idr', 'stock'] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

export interface ParsedCsv {
  /** Data rows (the header not counted). */
  total: number;
  products: Array<BulkProduct & { rows: number[] }>;
  errors: ImportError[];
}

const HANDLE = /^[a-z0-9][a-z0-9_-]{0,79}$/i;
/** Text without markup characters is already safe; the sanitiser is the slow part of a big import. */
const rich = (text: string) => (/[<>&]/.test(text) ? sanitizeRichText(text) : text);
/** Whole rupiah, optionally with dots between thousands as Indonesians write them (`250.000`). */
const RUPIAH = /^(\d{1,3}(\.\d{3})+|\d{1,12})$/;

/**
 * Reads a catalogue CSV into products: rows sharing a `handle` become one product's variants.
 * Each bad row is reported (row numbers count the header as row 1) and skipped; the rest stay.
 */
export function parseCatalogueCsv(source: string | Buffer, categories: Set<string>): ParsedCsv {
  let records: string[][];
  try {
    records = parse(source, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { total: 0, products: [], errors: [{ row: line, field: 'file', message: `is not valid CSV: ${(error as Error).message}` }] };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length) return { total: Math.max(records.length - 1, 0), products: [], errors: missing.map((field) => ({ row: 1, field, message: 'column is missing from the header row' })) };

  const errors: ImportError[] = [];
  const byHandle = new Map<string, BulkProduct & { rows: number[] }>();
  let total = 0;
  for (let index = 1; index < records.length; index++) {
    const cells = records[index]!;
    if (cells.every((cell) => cell === '')) continue;
    total++;
    const rowNumber = index + 1;
    const row: Row = Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
    const rowErrors: ImportError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ row: rowNumber, field, message });
    const handle = (row.handle ?? '').toLowerCase();
    const existing = byHandle.get(handle);
    const first = !existing;

    if (!HANDLE.test(handle)) fail('handle', 'is required: letters, digits, - and _ (at most 80)');
    if (first && !row.title_id) fail('title_id', 'is required');
    if ((row.title_id ?? '').length > 160) fail('title_id', 'must be at most 160 characters');
    if ((row.title_en ?? '').length > 160) fail('title_en', 'must be at most 160 characters');
    if (first || row.category) {
      if (!row.category) fail('category', 'is required');
      else if (!categories.has(row.category)) fail('category', `is not a category slug: ${row.category}`);
    }
    const price = row.price_idr ?? '';
    if (!RUPIAH.test(price)) fail('price_idr', 'must be whole rupiah, e.g. 250000');
    const stock = row.stock ?? '';
    if (!/^\d{1,7}$/.test(stock) || Number(stock) > 1_000_000) fail('stock', 'must be a whole number from 0');
    const options: Record<string, string> = {};
    for (const n of [1, 2] as const) {
      const name = row[`option${n}_name`] ?? '';
      const value = row[`option${n}_value`] ?? '';
      if (name && !value) fail(`option${n}_value`, `is required when option${n}_name is set`);
      else if (!name && value) fail(`option${n}_name`, `is required when option${n}_value is set`);
      else if (name.length > 40 || value.length > 60) fail(`option${n}_value`, 'is too long');
      else if (name) options[name] = value;
    }
    const sku = row.sku ?? '';
    if (sku.length > 64) fail('sku', 'must be at most 64 characters');
    const materials = (row.materials ?? '').split('|').map((m) => m.trim()).filter(Boolean);
    if (materials.length > 10 || materials.some((m) => m.length > 40)) fail('materials', 'at most 10, each at most 40 characters');
    const weight = row.weight_grams ?? '';
    if (weight && !/^\d{1,7}$/.test(weight)) fail('weight_grams', 'must be a whole number of grams');
    const hs = (row.hs_code ?? '').replace(/[.\s]/g, '');
    if (hs && !/^\d{4,10}$/.test(hs)) fail('hs_code', 'must be an HS code of 4 to 10 digits, e.g. 0901.21');
    const status = row.status || 'active';
    if (status !== 'draft' && status !== 'active') fail('status', 'must be draft or active');
    if (existing && (sku ? existing.variants.some((v) => v.sku === sku) : false)) fail('sku', 'is used by another row of this handle');
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }

    const amount = Number(price.replace(/\./g, '')) * 100;
    const variant = { sku, options, priceAmount: amount, stock: Number(stock) };
    if (existing) {
      existing.variants.push(variant);
      existing.rows.push(rowNumber);
      continue;
    }
    const description: Text = { id: rich(row.description_id ?? '') };
    if (row.description_en) description.en = rich(row.description_en);
    byHandle.set(handle, {
      handle,
      title: row.title_en ? { id: row.title_id!, en: row.title_en } : { id: row.title_id! },
      description,
      categorySlug: row.category!,
      priceAmount: amount,
      status: status as 'draft' | 'active',
      materials,
      weightGrams: weight ? Number(weight) : null,
      hsCode: hs || null,
      variants: [variant],
      rows: [rowNumber],
    });
  }
  const products = [...byHandle.values()].map((product) => {
    // One row without SKU or options is a simple product; otherwise every row is a variant.
    const [only] = product.variants;
    if (product.variants.length === 1 && !only!.sku && Object.keys(only!.options).length === 0) return { ...product, stock: only!.stock, variants: [] };
    // Rows without a SKU get `<handle>-<n>`, never one another row of the handle already uses.
    const used = new Set(product.variants.map((v) => v.sku).filter(Boolean));
    const skuFor = (i: number) => {
      let sku = `${product.handle}-${i + 1}`;
      while (used.has(sku)) sku += 'x';
      used.add(sku);
      return sku;
    };
    return { ...product, variants: product.variants.map((v, i) => ({ ...v, sku: v.sku || skuFor(i) })) };
  });
  return { total, products, errors };
}
