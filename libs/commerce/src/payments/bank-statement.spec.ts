import { describe, expect, it } from '@jest/globals';
import { parseStatement, parseStatementAmount, referencesIn } from './bank-statement.js';

describe('bank statement (mutasi rekening)', () => {
  it('reads amounts as banks write them, in IDR minor units', () => {
    expect(parseStatementAmount('250000')).toEqual({ amount: 25_000_000, debit: false });
    expect(parseStatementAmount('250.000')).toEqual({ amount: 25_000_000, debit: false });
    expect(parseStatementAmount('Rp 1.250.000,00')).toEqual({ amount: 125_000_000, debit: false });
    expect(parseStatementAmount('1,250,000.00 CR')).toEqual({ amount: 125_000_000, debit: false });
    expect(parseStatementAmount('250000,50')).toEqual({ amount: 25_000_050, debit: false });
    expect(parseStatementAmount('-10.000')).toEqual({ amount: 1_000_000, debit: true });
    expect(parseStatementAmount('10.000 DB')).toEqual({ amount: 1_000_000, debit: true });
    expect(parseStatementAmount('seratus')).toBeNull();
    expect(parseStatementAmount('')).toBeNull();
  });

  it('finds PK- references in any case, each once', () => {
    expect(referencesIn('TRSF E-BANKING CR pk-ab3defgh ni luh PK-AB3DEFGH')).toEqual(['PK-AB3DEFGH']);
    expect(referencesIn('SETORAN TUNAI')).toEqual([]);
  });

  it('takes Indonesian or English headers, commas or semicolons, and refuses a file without them', () => {
    const id = parseStatement(Buffer.from('\uFEFFTanggal;Keterangan;Jumlah\n01/12;TRF PK-AB3DEFGH;150.000\n'));
    expect(id).toEqual([{ row: 2, date: '01/12', description: 'TRF PK-AB3DEFGH', amount: 15_000_000, debit: false }]);
    const en = parseStatement(Buffer.from('amount,date,description,balance\n"1,500.00",2026-12-01,x,9\n'));
    expect(en[0]).toMatchObject({ amount: 150_000, date: '2026-12-01', description: 'x' });
    expect(() => parseStatement(Buffer.from('a,b\n1,2\n'))).toThrow();
  });
});
