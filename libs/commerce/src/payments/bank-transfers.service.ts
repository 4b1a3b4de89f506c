import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UsersService, type SignedInUser } from '#libs/identity';
import { invalid, notFound, paged, type Money, type Paged } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { parseStatement, referencesIn, type StatementLine } from './bank-statement.js';
import { OrderTransitions } from '../orders/order-transitions.service.js';

export interface PendingTransfer {
  paymentId: string;
  reference: string;
  amount: Money;
  buyer: { id: string; name: string };
  orderIds: string[];
  createdAt: string;
  /** The earliest time one of its orders is cancelled if still unpaid. */
  payBy: string | null;
}

export interface StatementMatch {
  row: number;
  date: string;
  description: string;
  amount: Money | null;
  reference?: string;
  paymentId?: string;
  orderIds?: string[];
  /** What the payment asks (amount mismatches). */
  expected?: Money;
  /** Why a line was not matched: no_reference, unknown_reference, debit, no_amount, orders_cancelled, several_references. */
  reason?: string;
}

export interface StatementResult {
  /** Lines that confirmed a payment: its orders are paid now. */
  matched: StatementMatch[];
  /** Lines for payments confirmed before (the same statement uploaded again, or confirmed by hand). */
  alreadyPaid: StatementMatch[];
  /** Lines naming a pending payment with another amount: nothing confirmed, an admin looks. */
  amountMismatch: StatementMatch[];
  /** Every other line (no reference, an unknown one, a debit…). */
  unmatched: StatementMatch[];
  lines: number;
}

interface PaymentRow {
  id: string;
  reference: string;
  amount: string;
  currency: string;
  pending: string[];
  settled: string[];
}

const idr = (amount: number, currency = 'IDR'): Money => ({ amount, currency });

/**
 * Bank transfers into the platform's account and their confirmation by an admin (only the platform
 * confirms a payment): one by one from the list of pending transfers, or by uploading the bank's
 * statement, each line of which confirms the pending payment whose `PK-…` reference it names when
 * the amount is exactly the payment's. Orders move through OrderTransitions as the admin, so their
 * events (OrderPaid → the ledger) fire; a payment whose orders are paid already is reported, never
 * confirmed twice, so the same statement can be uploaded again safely.
 */
@Injectable()
export class BankTransfers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly users: UsersService,
  ) {}

  /** Bank-transfer payments with orders still awaiting payment, oldest first. */
  async pending(query: { page: number; perPage: number }): Promise<Paged<PendingTransfer>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.id, p.reference, p.amount, p.currency, p.created_at, p.buyer_id,
              array_agg(o.id ORDER BY o.created_at, o.id) FILTER (WHERE o.status = 'pending_payment') AS order_ids,
              min(o.pay_by) FILTER (WHERE o.status = 'pending_payment') AS pay_by, count(*) OVER () AS total
       FROM payments p JOIN orders o ON o.payment_id = p.id
       WHERE p.method = 'bank_transfer' AND p.status = 'pending'
       GROUP BY p.id
       HAVING bool_or(o.status = 'pending_payment')
       ORDER BY p.created_at, p.id LIMIT $1 OFFSET $2`,
      [query.perPage, (query.page - 1) * query.perPage],
    );
    const names = await this.users.names(rows.map((row) => row.buyer_id as string));
    const items = rows.map((row) => ({
      paymentId: row.id as string,
      reference: row.reference as string,
      amount: idr(Number(row.amount), row.currency as string),
      buyer: { id: row.buyer_id as string, name: names.get(row.buyer_id as string) ?? '' },
      orderIds: row.order_ids as string[],
      createdAt: (row.created_at as Date).toISOString(),
      payBy: row.pay_by ? (row.pay_by as Date).toISOString() : null,
    }));
    return paged(items, Number(rows[0]?.total ?? 0), query);
  }

  /** An admin confirms one pending bank-transfer payment: its orders awaiting payment become paid (404 unknown; the ids moved). */
  async confirm(admin: SignedInUser, paymentId: string): Promise<{ orderIds: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const payment = await this.lockPayment(manager, { id: paymentId });
      if (!payment) throw notFound('Payment');
      return { orderIds: await this.markPaid(manager, admin, payment, 'bank transfer confirmed by an admin') };
    });
  }

  /** Matches an uploaded statement (see bank-statement.ts) against pending payments and confirms the exact ones. */
  async importStatement(admin: SignedInUser, file: Express.Multer.File | undefined): Promise<StatementResult> {
    if (!file?.buffer?.length) throw invalid('file', 'is required: the bank statement as CSV');
    const lines = parseStatement(file.buffer);
    const result: StatementResult = { matched: [], alreadyPaid: [], amountMismatch: [], unmatched: [], lines: lines.length };
    for (const line of lines) {
      const [bucket, match] = await this.matchLine(admin, line);
      result[bucket].push(match);
    }
    return result;
  }

  /**
   * One line in its own transaction (a later line's failure keeps earlier confirmations). The
   * orders' history (shown to buyer and seller) gets the line's date, never the bank's description.
   */
  private async matchLine(admin: SignedInUser, line: StatementLine): Promise<[Exclude<keyof StatementResult, 'lines'>, StatementMatch]> {
    const base: StatementMatch = { row: line.row, date: line.date, description: line.description, amount: line.amount === null ? null : idr(line.amount) };
    const references = referencesIn(line.description);
    if (line.amount === null) return ['unmatched', { ...base, reason: 'no_amount' }];
    if (line.debit) return ['unmatched', { ...base, reason: 'debit' }];
    if (references.length === 0) return ['unmatched', { ...base, reason: 'no_reference' }];
    if (references.length > 1) return ['unmatched', { ...base, reason: 'several_references' }];
    const reference = references[0]!;
    return this.dataSource.transaction(async (manager) => {
      const payment = await this.lockPayment(manager, { reference });
      if (!payment) return ['unmatched', { ...base, reference, reason: 'unknown_reference' }];
      const found = { ...base, reference, paymentId: payment.id };
      if (payment.pending.length === 0) {
        // Paid (or later) before: the same line again, or confirmed by hand. All cancelled: money to send back.
        return payment.settled.length > 0 ? ['alreadyPaid', { ...found, orderIds: payment.settled }] : ['unmatched', { ...found, reason: 'orders_cancelled' }];
      }
      if (Number(payment.amount) !== line.amount) return ['amountMismatch', { ...found, orderIds: payment.pending, expected: idr(Number(payment.amount), payment.currency) }];
      const orderIds = await this.markPaid(manager, admin, payment, `bank transfer found on the bank statement (${line.date}, line ${line.row})`.slice(0, 200));
      return ['matched', { ...found, orderIds }];
    });
  }

  /** The bank-transfer payment, locked, with its orders awaiting payment and those paid (or further). */
  private async lockPayment(manager: EntityManager, by: { id: string } | { reference: string }): Promise<PaymentRow | null> {
    const [payment]: Array<{ id: string; reference: string; amount: string; currency: string }> = await manager.query(
      `SELECT id, reference, amount::text AS amount, currency FROM payments WHERE method = 'bank_transfer' AND ${'id' in by ? 'id = $1' : 'reference = $1'} FOR UPDATE`,
      ['id' in by ? by.id : by.reference],
    );
    if (!payment) return null;
    const orders: Array<{ id: string; status: string }> = await manager.query(`SELECT id, status FROM orders WHERE payment_id = $1 ORDER BY created_at, id`, [payment.id]);
    return {
      ...payment,
      pending: orders.filter((o) => o.status === 'pending_payment').map((o) => o.id),
      settled: orders.filter((o) => !['pending_payment', 'cancelled'].includes(o.status)).map((o) => o.id),
    };
  }

  private async markPaid(manager: EntityManager, admin: SignedInUser, payment: PaymentRow, reason: string): Promise<string[]> {
    const moved: string[] = [];
    for (const orderId of payment.pending) {
      if (await this.transitions.transitionAs(manager, orderId, 'paid', reason, { id: admin.id, role: 'admin' })) moved.push(orderId);
    }
    return moved;
  }
}
