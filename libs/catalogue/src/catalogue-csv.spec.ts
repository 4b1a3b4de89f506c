import { describe, expect, it } from '@jest/globals';
import { parseCatalogueCsv } from './catalogue-csv.js';

const categories = new Set(['kopi', 'endek']);

describe('parseCatalogueCsv', () => {
  it('groups rows by handle, counts the header as row 1 and reads rupiah as artisans write them', () => {
    const parsed = parseCatalogueCsv(
      [
        'handle,title_id,category,price_idr,stock,sku,option1_name,option1_value',
        'kain,Kain endek,endek,"1.250.000",2,KAIN-2,Ukuran,M',
        'kain,,,1300000,1,,Ukuran,L',
        '',
        'kopi,Kopi Kintamani,kopi,85000,9,,,',
      ].join('\n'),
      categories,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(3);
    const [kain, kopi] = parsed.products;
    expect(kain).toMatchObject({ handle: 'kain', priceAmount: 125_000_000, rows: [2, 3] });
    // The second row's generated SKU would be "kain-2"… which is free; "KAIN-2" differs by case only.
    expect(kain!.variants.map((v) => v.sku)).toEqual(['KAIN-2', 'kain-2']);
    expect(kopi).toMatchObject({ handle: 'kopi', stock: 9, variants: [], rows: [5] });
  });

  it('never generates a SKU that another row of the handle uses', () => {
    const parsed = parseCatalogueCsv('handle,title_id,category,price_idr,stock,sku,option1_name,option1_value\ntas,Tas,kopi,1000,1,tas-2,Warna,Merah\ntas,,,1000,1,,Warna,Biru\n', categories);
    expect(parsed.products[0]!.variants.map((v) => v.sku)).toEqual(['tas-2', 'tas-2x']);
  });

  it('reports every bad field of a bad row and keeps the good rows', () => {
    const parsed = parseCatalogueCsv('handle,title_id,category,price_idr,stock,hs_code,status\nok,Baik,kopi,1000,1,0901.21,\nbad row,,teh,12.50,-1,12,sold\n', categories);
    expect(parsed.products.map((p) => p.handle)).toEqual(['ok']);
    expect(parsed.products[0]!.hsCode).toBe('090121');
    expect(parsed.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:handle', '3:title_id', '3:category', '3:price_idr', '3:stock', '3:hs_code', '3:status']);
  });

  it('refuses a file without the required columns or that is not CSV', () => {
    expect(parseCatalogueCsv('handle,title\nx,y\n', categories).errors.map((e) => e.field)).toEqual(['title_id', 'category', 'price_idr', 'stock']);
    const broken = parseCatalogueCsv('handle,title_id\n"unclosed,quote\n', categories);
    expect(broken.errors[0]).toMatchObject({ field: 'file' });
  });
});
