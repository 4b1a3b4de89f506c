import { describe, expect, it } from '@jest/globals';
import { readCatalogueCsv, type CsvChunk } from './catalogue-csv.js';

const categories = new Set(['kopi', 'endek']);

/** Every chunk of `source`, and what they add up to. */
async function read(source: string, chunkSize = 500) {
  const chunks: CsvChunk[] = [];
  for await (const chunk of readCatalogueCsv(Buffer.from(source), categories, chunkSize)) chunks.push(chunk);
  return { chunks, total: chunks.reduce((sum, c) => sum + c.rows, 0), products: chunks.flatMap((c) => c.products), errors: chunks.flatMap((c) => c.errors) };
}

describe('readCatalogueCsv', () => {
  it('groups rows by handle, counts the header as row 1 and reads rupiah as artisans write them', async () => {
    const parsed = await read(
      [
        'handle,title_id,category,price_idr,stock,sku,option1_name,option1_value',
        'kain,Kain endek,endek,"1.250.000",2,KAIN-2,Ukuran,M',
        'kain,,,1300000,1,,Ukuran,L',
        '',
        'kopi,Kopi Kintamani,kopi,85000,9,,,',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(3);
    const [kain, kopi] = parsed.products;
    expect(kain).toMatchObject({ handle: 'kain', priceAmount: 125_000_000, rows: [2, 3] });
    // The second row's generated SKU would be "kain-2"… which is free; "KAIN-2" differs by case only.
    expect(kain!.variants.map((v) => v.sku)).toEqual(['KAIN-2', 'kain-2']);
    expect(kopi).toMatchObject({ handle: 'kopi', stock: 9, variants: [], rows: [5] });
  });

  it('never generates a SKU that another row of the handle uses', async () => {
    const parsed = await read('handle,title_id,category,price_idr,stock,sku,option1_name,option1_value\ntas,Tas,kopi,1000,1,tas-2,Warna,Merah\ntas,,,1000,1,,Warna,Biru\n');
    expect(parsed.products[0]!.variants.map((v) => v.sku)).toEqual(['tas-2', 'tas-2x']);
  });

  it('reports every bad field of a bad row and keeps the good rows', async () => {
    const parsed = await read('handle,title_id,category,price_idr,stock,hs_code,status\nok,Baik,kopi,1000,1,0901.21,\nbad row,,teh,12.50,-1,12,sold\n');
    expect(parsed.products.map((p) => p.handle)).toEqual(['ok']);
    expect(parsed.products[0]!.hsCode).toBe('090121');
    expect(parsed.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:handle', '3:title_id', '3:category', '3:price_idr', '3:stock', '3:hs_code', '3:status']);
  });

  it('refuses a file without the required columns or that is not CSV', async () => {
    expect((await read('handle,title\nx,y\n')).errors.map((e) => e.field)).toEqual(['title_id', 'category', 'price_idr', 'stock']);
    expect((await read('')).errors.map((e) => e.field)).toEqual(['handle', 'title_id', 'category', 'price_idr', 'stock']);
    const broken = await read('handle,title_id,category,price_idr,stock\n"unclosed,quote\n');
    expect(broken.errors[0]).toMatchObject({ row: 2, field: 'file' });
  });

  it('refuses an over-long value naming its column before any pattern runs on it, and keeps the other rows', async () => {
    const parsed = await read(
      [
        'handle,title_id,description_id,category,price_idr,stock,materials',
        `${'a'.repeat(5000)},Tas,,kopi,1000,1,`,
        `tas,Tas,${'<b>'.repeat(7000)},kopi,${'1'.repeat(30)},1,`,
        'topi,Topi,,kopi,1000,1,pandan',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([
      { row: 2, field: 'handle', message: 'must be at most 80 characters' },
      { row: 3, field: 'description_id', message: 'must be at most 20000 characters' },
      { row: 3, field: 'price_idr', message: 'must be at most 20 characters' },
    ]);
    expect(parsed.products.map((p) => p.handle)).toEqual(['topi']);
  });

  it('stops at a row longer than a row may be, naming its column, after writing the rows before it', async () => {
    const rows = ['handle,title_id,category,price_idr,stock,hs_code'];
    for (let i = 0; i < 30; i++) rows.push(`kopi-${i},Kopi ${i},kopi,1000,1,`);
    rows.push(`huge,Besar,kopi,1000,1,${'9'.repeat(100_000)}`, 'after,Sesudah,kopi,1000,1,');
    const parsed = await read(rows.join('\n'));
    expect(parsed.products).toHaveLength(30);
    expect(parsed.errors).toEqual([{ row: 32, field: 'hs_code', message: expect.stringContaining('not read past this row') }]);
  });

  it('gives chunks as it reads, and a product whose rows are far apart again with all its rows', async () => {
    const rows = ['handle,title_id,category,price_idr,stock,sku'];
    rows.push('tas,Tas,kopi,1000,1,TAS-S');
    for (let i = 0; i < 1200; i++) rows.push(`kopi-${i},Kopi ${i},kopi,1000,1,`);
    rows.push('tas,,,1000,2,TAS-L');
    const parsed = await read(rows.join('\n'), 500);
    expect(parsed.chunks.length).toBeGreaterThanOrEqual(3);
    expect(parsed.chunks[0]!.products.length).toBeLessThan(1000);
    expect(parsed.total).toBe(1202);
    const bags = parsed.products.filter((p) => p.handle === 'tas');
    expect(bags.map((p) => p.rows)).toEqual([[2], [2, 1203]]);
    expect(bags[1]).toMatchObject({
      variants: [
        { sku: 'TAS-S', stock: 1 },
        { sku: 'TAS-L', stock: 2 },
      ],
    });
    expect(parsed.chunks[0]!.products.map((p) => p.handle)).toContain('tas');
  });
});
