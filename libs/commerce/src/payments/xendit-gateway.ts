import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, invalid, isXenditCallbackToken, Problem, xenditClient, XenditSdkError, type AppConfig, type Xendit } from '#libs/platform';

export interface InvoiceRequest {
  paymentId: string;
  /** The payment's `PK-…` reference: Xendit's external_id, so its dashboard and our admin pages name the same thing. */
  reference: string;
  buyerEmail: string;
  description: string;
  /** IDR minor units; Xendit takes whole rupiah. */
  amount: number;
  /** The orders' pay-by time: the invoice expires then. */
  payBy: Date;
}

/** What Xendit says of an invoice, from its callback or from asking it (amounts in IDR minor units). */
export interface InvoiceReport {
  invoiceId: string;
  externalId: string;
  status: 'PENDING' | 'PAID' | 'SETTLED' | 'EXPIRED';
  paidAmount: number | null;
  fee: number | null;
  channelType: string | null;
  channel: string | null;
  paidAt: Date | null;
}

const STATUSES: ReadonlyArray<InvoiceReport['status']> = ['PENDING', 'PAID', 'SETTLED', 'EXPIRED'];

/** Xendit takes whole rupiah: a total with sen is rounded up, so what is paid always covers it. */
export const toRupiah = (minor: number) => Math.ceil(minor / 100);

/**
 * Xendit invoices (QRIS, virtual accounts, e-wallets, retail outlets) through the official client,
 * when XENDIT_SECRET_KEY is set (XENDIT_API_BASE points it elsewhere: tests).
 */
@Injectable()
export class XenditGateway {
  private readonly client?: Xendit;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = xenditClient(config);
  }

  get enabled(): boolean {
    return !!this.client;
  }

  /** One invoice for the whole payment; 502 when Xendit refuses it, 503 when it is down or does not answer. */
  async createInvoice(request: InvoiceRequest): Promise<{ id: string; url: string }> {
    if (!this.client) throw invalid('paymentMethod', 'QRIS, virtual account and e-wallet payments are not configured: choose bank_transfer');
    const seconds = Math.floor((request.payBy.getTime() - Date.now()) / 1000);
    const done = `${this.config.publicUrl}/checkout/done/${request.paymentId}`;
    try {
      const invoice = await this.client.Invoice.createInvoice({
        data: {
          externalId: request.reference,
          amount: toRupiah(request.amount),
          currency: 'IDR',
          payerEmail: request.buyerEmail,
          description: request.description,
          invoiceDuration: Math.max(seconds, 60),
          successRedirectUrl: done,
          failureRedirectUrl: `${done}?cancelled=1`,
        },
      });
      if (!invoice.id || !invoice.invoiceUrl) throw new Problem(502, 'Xendit returned no invoice URL; nothing was ordered. Try again or pay by bank transfer.');
      return { id: invoice.id, url: invoice.invoiceUrl };
    } catch (error) {
      if (error instanceof Problem) throw error;
      if (error instanceof XenditSdkError && Number(error.status) < 500) throw new Problem(502, 'Xendit refused the invoice; nothing was ordered. Try again or pay by bank transfer.');
      // Down, overloaded or unreachable.
      throw new Problem(503, 'Xendit is not answering; nothing was ordered. Try again in a few minutes or pay by bank transfer.');
    }
  }

  /** Asks Xendit for an invoice whose callback never came. */
  async invoice(invoiceId: string): Promise<InvoiceReport | null> {
    if (!this.client) return null;
    // The generated model drops paid_amount, payment_channel and paid_at, which the callback and
    // the API both send: read the client's raw response (same request, auth and base URL).
    const api = this.client.Invoice as unknown as { getInvoiceByIdRaw(r: { invoiceId: string }): Promise<{ raw: Response }> };
    const response = await api.getInvoiceByIdRaw({ invoiceId });
    return invoiceReport(await response.raw.json());
  }

  /** Expires an open invoice, so its buyer can no longer pay for cancelled orders. False when Xendit says it is not open (paid, expired) or unknown. */
  async expireInvoice(invoiceId: string): Promise<boolean> {
    if (!this.client) return false;
    try {
      await this.client.Invoice.expireInvoice({ invoiceId });
      return true;
    } catch (error) {
      if (error instanceof XenditSdkError && [400, 404].includes(Number(error.status))) return false;
      throw error;
    }
  }

  /** Whether a callback carries XENDIT_CALLBACK_TOKEN (constant time); else 401. */
  assertCallbackToken(token: string | undefined): void {
    if (!this.client || !isXenditCallbackToken(this.config, token)) throw new Problem(401, 'Missing or wrong x-callback-token');
  }
}

/** Reads an invoice as Xendit sends it (callback or GET /v2/invoices/:id); null when it is not one. */
export function invoiceReport(body: unknown): InvoiceReport | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : null);
  const rupiah = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : null);
  const status = text(b.status) as InvoiceReport['status'] | null;
  const invoiceId = text(b.id);
  const externalId = text(b.external_id);
  if (!invoiceId || !externalId || !status || !STATUSES.includes(status)) return null;
  const paidAt = typeof b.paid_at === 'string' ? new Date(b.paid_at) : null;
  return {
    invoiceId,
    externalId,
    status,
    paidAmount: rupiah(b.paid_amount),
    fee: rupiah(b.fees_paid_amount),
    channelType: text(b.payment_method),
    channel: text(b.payment_channel),
    paidAt: paidAt && !Number.isNaN(paidAt.getTime()) ? paidAt : null,
  };
}
