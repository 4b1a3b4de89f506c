import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app.js';

export const XENDIT_KEY = 'xnd_development_pasarkerthi123';
export const XENDIT_TOKEN = 'callback-token-pasarkerthi-0123456789';

export interface XenditRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Invoice = Record<string, unknown> & { id: string; external_id: string; amount: number; status: string };

/**
 * A local stand-in for the Xendit API endpoints the app calls (no network here), speaking its wire
 * format closely enough for the official client to parse: invoices (`POST /v2/invoices`, `GET
 * /v2/invoices/:id`, `POST /invoices/:id/expire!`), a tiny hosted invoice page at `invoice_url`, and
 * payouts (`POST /v2/payouts`).
 */
export async function fakeXendit() {
  const requests: XenditRequest[] = [];
  const invoices = new Map<string, Invoice>();
  const state = { down: false };
  let base = '';
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = req.url!.replace(/\/+$/, '');
      requests.push({ method: req.method!, path, headers: req.headers, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const page = /^\/web\/invoices\/([\w-]+)$/.exec(path);
      const one = /^\/v2\/invoices\/([\w-]+)$/.exec(path);
      const expire = /^\/invoices\/([\w-]+)\/expire!$/.exec(path);
      if (page && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Xendit</title><h1>Bayar dengan QRIS</h1><p>Invoice ${page[1]}</p>`);
      } else if (state.down) {
        json(503, { error_code: 'SERVER_ERROR', message: 'Xendit is down for maintenance' });
      } else if (req.method === 'POST' && path === '/v2/invoices') {
        const id = `inv_${invoices.size + 1}_${Date.now().toString(36)}`;
        const now = new Date();
        const invoice: Invoice = {
          id,
          external_id: String(body.external_id),
          user_id: 'user_pasarkerthi',
          status: 'PENDING',
          merchant_name: 'Pasar Kerthi',
          merchant_profile_picture_url: `${base}/logo.png`,
          amount: Number(body.amount),
          payer_email: body.payer_email,
          description: body.description,
          expiry_date: new Date(now.getTime() + Number(body.invoice_duration) * 1000).toISOString(),
          invoice_url: `${base}/web/invoices/${id}`,
          available_banks: [
            { bank_code: 'BCA', collection_type: 'POOL', transfer_amount: Number(body.amount), bank_branch: 'Virtual Account', account_holder_name: 'PASAR KERTHI', identity_amount: 0 },
          ],
          available_retail_outlets: [],
          available_ewallets: [{ ewallet_type: 'OVO' }],
          available_qr_codes: [{ qr_code_type: 'QRIS' }],
          available_direct_debits: [],
          available_paylaters: [],
          should_send_email: false,
          created: now.toISOString(),
          updated: now.toISOString(),
          currency: body.currency,
          success_redirect_url: body.success_redirect_url,
          failure_redirect_url: body.failure_redirect_url,
        };
        invoices.set(id, invoice);
        json(200, invoice);
      } else if (req.method === 'GET' && one) {
        const invoice = invoices.get(one[1]!);
        if (invoice) json(200, invoice);
        else json(404, { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Invoice not found' });
      } else if (req.method === 'POST' && expire && invoices.get(expire[1]!)?.status === 'PENDING') {
        const invoice = invoices.get(expire[1]!)!;
        invoice.status = 'EXPIRED';
        json(200, invoice);
      } else if (req.method === 'POST' && expire) {
        json(404, { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Invoice not found or not pending' });
      } else if (req.method === 'POST' && path === '/v2/payouts') {
        const now = new Date().toISOString();
        json(200, {
          id: `disb_${requests.length}`,
          reference_id: body.reference_id,
          business_id: 'biz_pasarkerthi',
          channel_code: body.channel_code,
          channel_properties: body.channel_properties,
          amount: body.amount,
          currency: body.currency,
          description: body.description,
          status: 'ACCEPTED',
          created: now,
          updated: now,
        });
      } else {
        json(404, { error_code: 'NOT_FOUND', message: `No such route ${path}` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    requests,
    invoices,
    state,
    server,
    base,
    env: { XENDIT_SECRET_KEY: XENDIT_KEY, XENDIT_CALLBACK_TOKEN: XENDIT_TOKEN, XENDIT_API_BASE: base },
    /** Marks an invoice paid at the stand-in (what a later GET answers) and gives the callback body Xendit would send. */
    pay(invoiceId: string, extra: Record<string, unknown> = {}) {
      const invoice = invoices.get(invoiceId)!;
      Object.assign(invoice, {
        status: 'PAID',
        paid_amount: invoice.amount,
        payment_method: 'QR_CODE',
        payment_channel: 'QRIS',
        paid_at: new Date().toISOString(),
        ...extra,
      });
      return { ...invoice };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Sends an invoice callback as Xendit does: JSON with the x-callback-token header. */
export function sendInvoiceCallback(t: TestApp, body: Record<string, unknown>, token = XENDIT_TOKEN) {
  return t.http().post('/api/v1/payments/xendit/webhook').set('x-callback-token', token).send(body);
}
