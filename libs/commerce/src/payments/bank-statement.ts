import { parse } from 'csv-parse/sync';
import { invalid } from '#libs/platform';

/**
 * The bank statement (mutasi rekening) an admin uploads to confirm transfers: CSV, UTF-8, a header
 * row naming the columns `tanggal,keterangan,jumlah` or `date,description,amount` (any order, case
 * ignored, other columns ignored), comma- or semicolon-separated. `jumlah` is what came in, in
 * whole rupiah as the bank writes it: `250000`, `250.000`, `Rp 250.000,00`, `1,250,000.00`; a
 * debit (`-250.000`, `250.000 DB`) is not a transfer in and is reported, not matched.
 */
export const STATEMENT_COLUMNS = { date: ['tanggal', 'date'], description: ['keterangan', 'description'], amount: ['jumlah', 'amount'] } as const;
export const MAX_STATEMENT_BYTES = 2 * 1024 * 1024;
export const MAX_STATEMENT_ROWS = 5000;
/** `PK-` and eight characters of the reference alphabet (bank-transfer.ts). */
export const REFERENCE_PATTERN = /PK-[A-HJ-NP-Z2-9]{8}/gi;

export interface StatementLine {
  /** Row number in the file, the header being row 1. */
  row: number;
  date: string;
  description: string;
  /** IDR minor units; null when the cell is not an amount. */
  amount: number | null;
  /** A debit (money going out): never matched. */
  debit: boolean;
}

/** Reads a bank amount cell into IDR minor units (null when it is not one). */
export function parseStatementAmount(raw: string): { amount: number; debit: boolean } | null {
  let text = raw.replace(/\s+/g, '').replace(/^(rp|idr)\.?/i, '');
  let debit = false;
  if (/(db|d)$/i.test(text)) {
    debit = true;
    text = text.replace(/(db|d)$/i, '');
  } else text = text.replace(/(cr|k)$/i, '');
  if (text.startsWith('-')) {
    debit = true;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  text = text.replace(/^(rp|idr)\.?/i, '');
  let rupiah: string;
  let cents: string;
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/)))
    [rupiah, cents] = [m[1]!.replace(/\./g, ''), m[2] ?? '00']; // 1.250.000,00
  else if ((m = text.match(/^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/)))
    [rupiah, cents] = [m[1]!.replace(/,/g, ''), m[2] ?? '00']; // 1,250,000.00
  else if ((m = text.match(/^(\d+)(?:[.,](\d{1,2}))?$/)))
    [rupiah, cents] = [m[1]!, m[2] ?? '00']; // 1250000 or 1250000,00
  else return null;
  const amount = Number(rupiah) * 100 + Number(cents.padEnd(2, '0'));
  if (!Number.isSafeInteger(amount)) return null;
  return { amount, debit };
}

/** Parses the file (422 naming `file` when it cannot be read or lacks a column). */
export function parseStatement(buffer: Buffer): StatementLine[] {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, to: MAX_STATEMENT_ROWS + 2 }) as string[][];
  } catch (error) {
    throw invalid('file', `is not a readable CSV file (${(error as Error).message.split('\n')[0]})`);
  }
  if (records.length === 0) throw invalid('file', 'is empty');
  if (records.length > MAX_STATEMENT_ROWS + 1) throw invalid('file', `may have at most ${MAX_STATEMENT_ROWS} lines`);
  const header = records[0]!.map((cell) => cell.trim().toLowerCase());
  const index = (names: readonly string[]) => header.findIndex((cell) => names.includes(cell));
  const columns = { date: index(STATEMENT_COLUMNS.date), description: index(STATEMENT_COLUMNS.description), amount: index(STATEMENT_COLUMNS.amount) };
  const missing = Object.entries(columns)
    .filter(([, i]) => i < 0)
    .map(([name]) => STATEMENT_COLUMNS[name as keyof typeof columns].join(' or '));
  if (missing.length) throw invalid('file', `needs a header row with the columns tanggal,keterangan,jumlah (or date,description,amount); missing ${missing.join(', ')}`);
  return records.slice(1).map((cells, i) => {
    const parsed = parseStatementAmount(cells[columns.amount] ?? '');
    return {
      row: i + 2,
      date: (cells[columns.date] ?? '').slice(0, 40),
      description: (cells[columns.description] ?? '').slice(0, 500),
      amount: parsed?.amount ?? null,
      debit: parsed?.debit ?? false,
    };
  });
}

/** The payment references written in a statement line's description (upper case, each once). */
export function referencesIn(description: string): string[] {
  return [...new Set((description.match(REFERENCE_PATTERN) ?? []).map((r) => r.toUpperCase()))];
}
