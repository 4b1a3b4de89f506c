import { CsvError, parse } from 'csv-parse';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sanitizeRichText, type Text } from '#libs/platform';
import type { ImportError } from './import.entity.js';
import type { BulkProduct } from './product-bulk-writer.js';

/** The CSV columns of API.md; `*` ones are required on a handle's first row. */
export const CSV_COLUMNS = [
  'handle',
  'title_id',
  'title_en',
  'description_id',
  'description_en',
  'category',
  'price_idr',
  'stock',
  'sku',
  'option1_name',
  'option1_value',
  'option2_name',
  'option2_value',
  'materials',
  'weight_grams',
  'length_cm',
  'width_cm',
  'height_cm',
  'hs_code',
  'status',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED = ['handle', 'title_id', 'category', 'price_idr', 'stock'] as const;

/** Most fields a row may have (columns the reader does not know are ignored, but still parsed). */
export const MAX_CSV_FIELDS = 64;
/** Longest value of each column, checked before any pattern or the sanitiser runs on it (descriptions as the API takes them). */
const MAX_LENGTH: Record<Column, number> = {
  handle: 80,
  title_id: 160,
  title_en: 160,
  description_id: 20_000,
  description_en: 20_000,
  category: 60,
  price_idr: 20,
  stock: 10,
  sku: 64,
  option1_name: 40,
  option1_value: 60,
  option2_name: 40,
  option2_value: 60,
  materials: 500,
  weight_grams: 10,
  length_cm: 10,
  width_cm: 10,
  height_cm: 10,
  hs_code: 20,
  status: 10,
};
/** Above every column's cap together: a longer row stops the parser before it holds more. */
const MAX_RECORD_CHARS = 64 * 1024;
/** The source is fed to the parser in slices this big, so records are read as they come. */
const SLICE_BYTES = 16 * 1024;

type Row = Partial<Record<Column, string>>;
export type ImportProduct = BulkProduct & { rows: number[] };

export interface CsvChunk {
  /** Data rows read for this chunk (blank lines not counted). */
  rows: number;
  /** Products to write; one whose rows are far apart comes again with all its rows so far (the writer upserts by handle and SKU). */
  products: ImportProduct[];
  errors: ImportError[];
}

const HANDLE = /^[a-z0-9][a-z0-9_-]{0,79}$/i;
/** Text without markup characters is already safe; the sanitiser is the slow part of a big import. */
const rich = (text: string) => (/[<>&]/.test(text) ? sanitizeRichText(text) : text);
/** Whole rupiah, optionally with dots between thousands as Indonesians write them (`250.000`). */
const RUPIAH = /^(\d{1,3}(\.\d{3})+|\d{1,12})$/;

/**
 * Reads a catalogue CSV as a stream, in chunks of about `chunkSize` products: rows sharing a
 * `handle` become one product's variants. Each bad row is reported (row numbers count the header
 * as row 1) and skipped; the rest stay. A file the parser cannot read on ends with an error at
 * the row where it stopped, after the chunks of the rows before it.
 */
export async function* readCatalogueCsv(source: Buffer, categories: Set<string>, chunkSize: number): AsyncGenerator<CsvChunk> {
  const products = new Map<string, ImportProduct>();
  const pending = new Set<ImportProduct>();
  let header: string[] | undefined;
  let refused = false;
  let records = 0;
  let rows = 0;
  let errors: ImportError[] = [];
  const take = (): CsvChunk => {
    const chunk = { rows, products: [...pending].map(finished), errors };
    pending.clear();
    rows = 0;
    errors = [];
    return chunk;
  };

  const checkHeader = (columns: string[]) => {
    const missing = REQUIRED.filter((column) => !columns.includes(column));
    errors.push(...missing.map((field) => ({ row: 1, field, message: 'column is missing from the header row' })));
    refused = missing.length > 0;
  };
  // Records are handled as the parser reads them (none is kept in its stream, so none is lost when it fails).
  const onRecord = (cells: string[]) => {
    const rowNumber = ++records;
    if (!header) {
      header = cells.map((h) => h.toLowerCase());
      checkHeader(header);
      return null;
    }
    if (refused || cells.every((cell) => cell === '')) return null;
    rows++;
    const row: Row = Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
    const handle = (row.handle ?? '').toLowerCase();
    const existing = products.get(handle);
    const result = readRow(row, rowNumber, existing, categories);
    if ('errors' in result) {
      errors.push(...result.errors);
      return null;
    }
    if (existing) {
      existing.variants.push(result.variant);
      existing.rows.push(rowNumber);
      pending.add(existing);
    } else {
      const product = { ...result.product(handle), variants: [result.variant], rows: [rowNumber] };
      products.set(handle, product);
      pending.add(product);
    }
    return null;
  };

  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true, max_record_size: MAX_RECORD_CHARS, on_record: onRecord });
  // Failures come back through write() and end(); without a listener the stream's 'error' event would throw.
  parser.on('error', () => undefined);
  const write = (slice?: Buffer) =>
    new Promise<Error | null>((resolve) => {
      if (slice) parser.write(slice, (error) => resolve(error ?? null));
      else {
        parser.once('error', resolve);
        parser.end((error?: Error | null) => resolve(error ?? null));
      }
    });
  for (let start = 0; ; start += SLICE_BYTES) {
    const failure = await write(start < source.length ? source.subarray(start, start + SLICE_BYTES) : undefined);
    if (failure) errors.push(stoppedAt(failure, records + 1, header));
    if (refused || failure || start >= source.length) break;
    if (pending.size >= chunkSize) yield take();
    // Other requests and jobs get their turn between slices (the worker may share the web process).
    else await nextTurn();
  }
  parser.destroy();
  if (!header && !errors.length) checkHeader([]);
  if (pending.size || rows || errors.length) yield take();
}

/** The error of a file the parser could not read past `row`. */
function stoppedAt(error: Error, row: number, header: string[] | undefined): ImportError {
  const after = 'the file was not read past this row';
  if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
    const field = typeof error.column === 'number' ? header?.[error.column] : undefined;
    return { row, field: field ?? 'file', message: `makes the row longer than ${MAX_RECORD_CHARS} characters; ${after}` };
  }
  return { row, field: 'file', message: `is not valid CSV: ${error.message}; ${after}` };
}

type RowResult = { errors: ImportError[] } | { variant: ImportProduct['variants'][number]; product: (handle: string) => Omit<ImportProduct, 'variants' | 'rows'> };

/** Checks one data row; the first row of a handle also gives the product. */
function readRow(row: Row, rowNumber: number, existing: ImportProduct | undefined, categories: Set<string>): RowResult {
  const errors: ImportError[] = [];
  const fail = (field: string, message: string) => errors.push({ row: rowNumber, field, message });
  for (const column of CSV_COLUMNS) if ((row[column]?.length ?? 0) > MAX_LENGTH[column]) fail(column, `must be at most ${MAX_LENGTH[column]} characters`);
  if (errors.length) return { errors };

  const handle = (row.handle ?? '').toLowerCase();
  const first = !existing;
  if (!HANDLE.test(handle)) fail('handle', 'is required: letters, digits, - and _ (at most 80)');
  if (first && !row.title_id) fail('title_id', 'is required');
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
    else if (name) options[name] = value;
  }
  const sku = row.sku ?? '';
  const materials = (row.materials ?? '')
    .split('|')
    .map((m) => m.trim())
    .filter(Boolean);
  if (materials.length > 10 || materials.some((m) => m.length > 40)) fail('materials', 'at most 10, each at most 40 characters');
  const weight = row.weight_grams ?? '';
  if (weight && !/^\d{1,7}$/.test(weight)) fail('weight_grams', 'must be a whole number of grams');
  const size = { lengthCm: row.length_cm ?? '', widthCm: row.width_cm ?? '', heightCm: row.height_cm ?? '' };
  for (const [key, column] of [
    ['lengthCm', 'length_cm'],
    ['widthCm', 'width_cm'],
    ['heightCm', 'height_cm'],
  ] as const) {
    if (size[key] && (!/^\d{1,5}$/.test(size[key]) || Number(size[key]) < 1 || Number(size[key]) > 10_000)) fail(column, 'must be a whole number of centimetres from 1 to 10000');
  }
  const dimensions = Object.fromEntries(Object.entries(size).flatMap(([key, value]) => (value ? [[key, Number(value)]] : [])));
  const hs = (row.hs_code ?? '').replace(/[.\s]/g, '');
  if (hs && !/^\d{4,10}$/.test(hs)) fail('hs_code', 'must be an HS code of 4 to 10 digits, e.g. 0901.21');
  const status = row.status || 'active';
  if (status !== 'draft' && status !== 'active') fail('status', 'must be draft or active');
  if (existing && (sku ? existing.variants.some((v) => v.sku === sku) : false)) fail('sku', 'is used by another row of this handle');
  if (errors.length) return { errors };

  const amount = Number(price.replace(/\./g, '')) * 100;
  return {
    variant: { sku, options, priceAmount: amount, stock: Number(stock) },
    product: (key) => {
      const description: Text = { id: rich(row.description_id ?? '') };
      if (row.description_en) description.en = rich(row.description_en);
      return {
        handle: key,
        title: row.title_en ? { id: row.title_id!, en: row.title_en } : { id: row.title_id! },
        description,
        categorySlug: row.category!,
        priceAmount: amount,
        status: status as 'draft' | 'active',
        materials,
        weightGrams: weight ? Number(weight) : null,
        ...(Object.keys(dimensions).length ? { dimensions } : {}),
        hsCode: hs || null,
      };
    },
  };
}

/** A copy to write (later rows may add to the product): one row without SKU or options is a simple product; otherwise every row is a variant, and rows without a SKU get one. */
function finished(product: ImportProduct): ImportProduct {
  const [only] = product.variants;
  if (product.variants.length === 1 && !only!.sku && Object.keys(only!.options).length === 0) return { ...product, rows: [...product.rows], stock: only!.stock, variants: [] };
  // Rows without a SKU get `<handle>-<n>`, never one another row of the handle already uses.
  const used = new Set(product.variants.map((v) => v.sku).filter(Boolean));
  const skuFor = (i: number) => {
    let sku = `${product.handle}-${i + 1}`;
    while (used.has(sku)) sku += 'x';
    used.add(sku);
    return sku;
  };
  return { ...product, rows: [...product.rows], variants: product.variants.map((v, i) => ({ ...v, sku: v.sku || skuFor(i) })) };
}
