import PDFDocument from 'pdfkit';
import { formatIdr } from '#libs/platform';
import type { SalesStatement } from './sales-statement.service.js';

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const monthName = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS_ID[m - 1]} / ${MONTHS_EN[m - 1]} ${year}`;
};
const longDate = (date: string) => {
  const [year, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_ID[m - 1]} ${year}`;
};

/** The statement as an A4 PDF with Indonesian / English headings (pdfkit's built-in Helvetica). */
export function statementPdf(s: SalesStatement): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Laporan Penjualan / Sales Statement — ${s.seller.name}`, Author: 'Pasar Kerthi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text('Laporan Penjualan / Sales Statement');
  doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor('#444').text('Pasar Kerthi — marketplace UMKM Bali');
  doc.moveDown(1).fillColor('#000').fontSize(11);
  const field = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  field('Penjual / Seller', s.seller.name);
  field('NIB (Nomor Induk Berusaha)', s.seller.nib ?? 'belum terverifikasi / not verified');
  field('Periode / Period', `${longDate(s.period.from)} – ${longDate(s.period.to)}`);
  field('Dibuat / Generated', new Date(s.generatedAt).toISOString().slice(0, 10));
  doc.moveDown(1);

  const columns = [56, 300, 400];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(cells[0]!, columns[0], y, { width: 240 });
    doc.text(cells[1]!, columns[1], y, { width: 90, align: 'right' });
    doc.text(cells[2]!, columns[2], y, { width: 140, align: 'right' });
    doc.moveDown(0.4);
  };
  row(['Bulan / Month', 'Pesanan / Orders', 'Penjualan / Sales'], true);
  for (const m of s.months) row([monthName(m.month), String(m.orders), formatIdr(m.total.amount)]);
  doc.moveTo(56, doc.y).lineTo(540, doc.y).stroke();
  doc.moveDown(0.4);
  row(['Total', String(s.orders), formatIdr(s.total.amount)], true);

  doc.moveDown(2).font('Helvetica').fontSize(9).fillColor('#444');
  doc.text(
    "Penjualan = pesanan selesai yang dananya sudah diteruskan ke penjual, dikurangi pengembalian dana, menurut tanggal penyelesaian (WITA), sesuai buku besar Pasar Kerthi. / Sales = completed orders whose money was released to the seller, less refunds, by date of release (WITA), as recorded in Pasar Kerthi's ledger.",
    56,
    doc.y,
    { width: 484 },
  );
  doc.end();
  return done;
}
