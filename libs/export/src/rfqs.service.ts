import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ProductsService } from '#libs/catalogue';
import { OrderPlacement, OrderViews, type OrderView } from '#libs/commerce';
import { UsersService, type SignedInUser } from '#libs/identity';
import { conflict, forbidden, invalid, JobQueue, notFound, NotifyJob, paged, type Money, type Paged, type Text } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import type { AcceptQuoteDto, CreateQuoteDto, CreateRfqDto } from './export.dto.js';
import { Quote } from './quote.entity.js';
import { Rfq } from './rfq.entity.js';

export interface QuoteView {
  id: string;
  rfqId: string;
  productId: string | null;
  unitPrice: Money;
  leadTimeDays: number;
  validUntil: string;
  incoterm: string;
  notes: string | null;
  status: Quote['status'];
  expired: boolean;
  orderId: string | null;
  createdAt: Date;
}

export interface RfqView {
  id: string;
  status: Rfq['status'];
  buyerId: string;
  buyerName: string;
  sellerId: string;
  sellerName: string;
  productId: string | null;
  productTitle: Text | null;
  quantity: number;
  destinationCountry: string;
  incoterm: string;
  message: string;
  targetUnitPrice: Money | null;
  firstResponseAt: Date | null;
  createdAt: Date;
  quotes: QuoteView[];
}

interface ProductRef {
  id: string;
  sellerId: string;
  status: string;
  title: Text;
  weightGrams: number | null;
}

const today = () => new Date().toISOString().slice(0, 10);
/** `2026-02-31` matches the pattern but is no day; PostgreSQL would refuse it. */
const isCalendarDate = (value: string) => !Number.isNaN(Date.parse(value)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** Requests for quotation, the sellers' quotes, and turning an accepted quote into an order. */
@Injectable()
export class RfqsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly placement: OrderPlacement,
    private readonly orderViews: OrderViews,
    private readonly jobs: JobQueue,
    private readonly products: ProductsService,
    private readonly sellers: SellersService,
    private readonly users: UsersService,
  ) {}

  async create(buyer: SignedInUser, dto: CreateRfqDto): Promise<{ id: string; status: 'open' }> {
    if (!dto.productId && !dto.sellerId) throw invalid('productId', 'name a product (productId) or a seller (sellerId)');
    let sellerId = dto.sellerId;
    if (dto.productId) {
      const product = await this.product(this.dataSource.manager, dto.productId);
      if (!product || product.status !== 'active') throw invalid('productId', 'is not an active product');
      if (sellerId && sellerId !== product.sellerId) throw invalid('sellerId', 'is not the seller of that product');
      sellerId = product.sellerId;
    }
    const found = sellerId ? await this.sellers.findById(sellerId) : null;
    const seller = found && !found.suspendedAt ? { owner_id: found.ownerId } : undefined;
    if (!seller) throw invalid('sellerId', 'is not a seller on Pasar Kerthi');
    await this.access.assertNotOwnSeller(buyer, [sellerId!], dto.productId ? 'productId' : 'sellerId');
    return this.dataSource.transaction(async (manager) => {
      const rfq = await manager.save(
        Rfq,
        manager.create(Rfq, {
          buyerId: buyer.id,
          sellerId: sellerId!,
          productId: dto.productId ?? null,
          quantity: dto.quantity,
          destinationCountry: dto.destinationCountry,
          incoterm: dto.incoterm,
          message: dto.message.trim(),
          targetUnitPriceAmount: dto.targetUnitPrice?.amount ?? null,
          targetUnitPriceCurrency: dto.targetUnitPrice?.currency ?? null,
          status: 'open',
          firstResponseAt: null,
        }),
      );
      await this.jobs.enqueue(NotifyJob, { userId: seller.owner_id, kind: 'rfq.received', params: { rfqId: rfq.id, asSeller: true } }, { manager });
      return { id: rfq.id, status: 'open' as const };
    });
  }

  /** The caller's RFQs as buyer, and those addressed to sellers they manage; `sellerId` narrows to one of those. */
  async list(user: SignedInUser, query: { page: number; perPage: number; sellerId?: string }): Promise<Paged<RfqView>> {
    const sellers = await this.managedSellers(user);
    if (query.sellerId && !sellers.includes(query.sellerId)) throw forbidden('You do not manage this seller');
    const where = query.sellerId ? `r.seller_id = $1` : `(r.buyer_id = $1 OR r.seller_id = ANY($2::uuid[]))`;
    const params: unknown[] = query.sellerId ? [query.sellerId] : [user.id, sellers];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM rfqs r WHERE ${where}`, params);
    const ids: Array<{ id: string }> = await this.dataSource.query(`SELECT r.id FROM rfqs r WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params,
      query.perPage,
      (query.page - 1) * query.perPage,
    ]);
    return paged(await this.views(ids.map((row) => row.id)), total, query);
  }

  /** Only its buyer and the addressed seller's managers see an RFQ; others get 404. */
  async get(user: SignedInUser, id: string): Promise<RfqView> {
    const rfq = await this.dataSource.getRepository(Rfq).findOneBy({ id });
    if (!rfq || !(await this.isParty(user, rfq))) throw notFound('RFQ');
    return (await this.views([id]))[0]!;
  }

  async quote(user: SignedInUser, rfqId: string, dto: CreateQuoteDto): Promise<{ id: string }> {
    return this.dataSource.transaction(async (manager) => {
      const rfq = await manager.findOne(Rfq, { where: { id: rfqId }, lock: { mode: 'pessimistic_write' } });
      if (!rfq || !(await this.isParty(user, rfq, manager))) throw notFound('RFQ');
      if (!(await this.access.manageable(user, [rfq.sellerId], manager)).has(rfq.sellerId)) throw forbidden('Only the addressed seller may quote');
      if (rfq.status === 'accepted' || rfq.status === 'closed') throw conflict(`This RFQ is ${rfq.status}`);
      if (!isCalendarDate(dto.validUntil) || dto.validUntil < today()) throw invalid('validUntil', 'must be a date from today on (YYYY-MM-DD)');
      const productId = await this.quotedProduct(manager, rfq, dto.productId);
      const quote = await manager.save(
        Quote,
        manager.create(Quote, {
          rfqId,
          authorId: user.id,
          productId,
          unitPriceAmount: dto.unitPrice.amount,
          unitPriceCurrency: dto.unitPrice.currency,
          leadTimeDays: dto.leadTimeDays,
          validUntil: dto.validUntil,
          incoterm: dto.incoterm,
          notes: dto.notes?.trim() || null,
          status: 'offered',
          orderId: null,
          acceptedAt: null,
        }),
      );
      // The first answer's time is the seller's response time (readiness, reputation).
      await manager.query(`UPDATE rfqs SET status = 'quoted', first_response_at = coalesce(first_response_at, now()), updated_at = now() WHERE id = $1`, [rfqId]);
      await this.jobs.enqueue(NotifyJob, { userId: rfq.buyerId, kind: 'rfq.quoted', params: { rfqId } }, { manager });
      return { id: quote.id };
    });
  }

  /** The RFQ's buyer accepts an unexpired quote: an order awaiting payment at the quoted price. */
  async accept(user: SignedInUser, quoteId: string, dto: AcceptQuoteDto): Promise<{ order: OrderView; quote: QuoteView }> {
    const { orderId, rfqId } = await this.dataSource.transaction(async (manager) => {
      const quote = await manager.findOne(Quote, { where: { id: quoteId }, lock: { mode: 'pessimistic_write' } });
      const rfq = quote && (await manager.findOne(Rfq, { where: { id: quote.rfqId }, lock: { mode: 'pessimistic_write' } }));
      if (!quote || !rfq || rfq.buyerId !== user.id) throw notFound('Quote');
      if (rfq.status === 'accepted' || quote.status !== 'offered') throw conflict('This RFQ already has an accepted quote');
      if (quote.validUntil < today()) throw conflict(`This quote expired on ${quote.validUntil}`);
      const product = quote.productId ? await this.product(manager, quote.productId) : null;
      if (!product) throw conflict('This quote names no product to order');
      const order = await this.placement.createOrder(manager, {
        buyerId: user.id,
        sellerId: rfq.sellerId,
        // A quote is a promise to produce the quantity within its lead time, not a sale off the shelf.
        lines: [{ productId: product.id, title: product.title, quantity: rfq.quantity, unitPriceAmount: quote.unitPriceAmount, weightGrams: product.weightGrams ?? 0, fromStock: false }],
        shipWithinDays: quote.leadTimeDays,
        shippingAddress: dto.shippingAddress ?? { name: user.name, line1: '-', city: '-', postalCode: '-', country: rfq.destinationCountry },
        // Freight is in the quoted price under its Incoterm.
        shippingAmount: 0,
        paymentMethod: 'bank_transfer',
        source: 'quote',
        sourceId: quote.id,
        // The quoted price holds to the end of its last day (Bali time); so does the order, unpaid.
        payBy: new Date(`${quote.validUntil}T23:59:59+08:00`),
      });
      await manager.query(`UPDATE quotes SET status = 'accepted', accepted_at = now(), order_id = $2, updated_at = now() WHERE id = $1`, [quote.id, order.id]);
      await manager.query(`UPDATE quotes SET status = 'superseded', updated_at = now() WHERE rfq_id = $1 AND id <> $2 AND status = 'offered'`, [rfq.id, quote.id]);
      await manager.query(`UPDATE rfqs SET status = 'accepted', updated_at = now() WHERE id = $1`, [rfq.id]);
      const ownerId = (await this.sellers.owners([rfq.sellerId], manager)).get(rfq.sellerId);
      if (ownerId) await this.jobs.enqueue(NotifyJob, { userId: ownerId, kind: 'rfq.accepted', params: { rfqId: rfq.id, orderId: order.id, asSeller: true } }, { manager });
      return { orderId: order.id, rfqId: rfq.id };
    });
    const order = await this.orderViews.view(user, orderId);
    const [view] = await this.views([rfqId]);
    return { order, quote: view!.quotes.find((q) => q.id === quoteId)! };
  }

  /** Sellers the user manages (owner or cooperative admin), confirmed by SellerAccess. */
  async managedSellers(user: SignedInUser): Promise<string[]> {
    const candidates = await this.access.managedBy(user);
    return candidates.length ? [...(await this.access.manageable(user, candidates))] : [];
  }

  private async isParty(user: SignedInUser, rfq: Rfq, manager?: EntityManager): Promise<boolean> {
    return rfq.buyerId === user.id || (await this.access.manageable(user, [rfq.sellerId], manager)).has(rfq.sellerId);
  }

  /** The RFQ's product, or the seller's active product the quote names when the RFQ named none. */
  private async quotedProduct(manager: EntityManager, rfq: Rfq, productId: string | undefined): Promise<string> {
    if (rfq.productId) {
      if (productId && productId !== rfq.productId) throw invalid('productId', 'must be the product the RFQ asks about');
      return rfq.productId;
    }
    if (!productId) throw invalid('productId', 'is required: the RFQ names no product, so say which one you offer');
    const product = await this.product(manager, productId);
    if (!product || product.sellerId !== rfq.sellerId || product.status !== 'active') throw invalid('productId', 'is not an active product of this seller');
    return productId;
  }

  private async product(manager: EntityManager, id: string): Promise<ProductRef | undefined> {
    const [row] = await this.products.findByIds([id], manager);
    return row && { id: row.id, sellerId: row.sellerId, status: row.status, title: row.title, weightGrams: row.weightGrams };
  }

  private async views(ids: string[]): Promise<RfqView[]> {
    if (ids.length === 0) return [];
    const rfqs = await this.dataSource.getRepository(Rfq).createQueryBuilder('r').where('r.id = ANY(:ids)', { ids }).getMany();
    // Names and titles from their owners, one batched call each.
    const [buyers, sellers, products] = await Promise.all([
      this.users.names(rfqs.map((rfq) => rfq.buyerId)),
      this.sellers.findByIds(rfqs.map((rfq) => rfq.sellerId)),
      this.products.findByIds(rfqs.flatMap((rfq) => (rfq.productId ? [rfq.productId] : []))),
    ]);
    const sellerNames = new Map(sellers.map((seller) => [seller.id, seller.name]));
    const titles = new Map(products.map((product) => [product.id, product.title]));
    const quotes = await this.dataSource.getRepository(Quote).createQueryBuilder('q').where('q.rfqId = ANY(:ids)', { ids }).orderBy('q.createdAt', 'ASC').getMany();
    const byId = new Map(rfqs.map((rfq) => [rfq.id, rfq]));
    return ids.map((id) => {
      const rfq = byId.get(id)!;
      return {
        id,
        status: rfq.status,
        buyerId: rfq.buyerId,
        buyerName: buyers.get(rfq.buyerId) ?? '',
        sellerId: rfq.sellerId,
        sellerName: sellerNames.get(rfq.sellerId) ?? '',
        productId: rfq.productId,
        productTitle: (rfq.productId && titles.get(rfq.productId)) || null,
        quantity: rfq.quantity,
        destinationCountry: rfq.destinationCountry,
        incoterm: rfq.incoterm,
        message: rfq.message,
        targetUnitPrice: rfq.targetUnitPriceAmount === null ? null : { amount: rfq.targetUnitPriceAmount, currency: rfq.targetUnitPriceCurrency ?? 'IDR' },
        firstResponseAt: rfq.firstResponseAt,
        createdAt: rfq.createdAt,
        quotes: quotes.filter((q) => q.rfqId === id).map(toQuoteView),
      };
    });
  }
}

function toQuoteView(quote: Quote): QuoteView {
  return {
    id: quote.id,
    rfqId: quote.rfqId,
    productId: quote.productId,
    unitPrice: { amount: quote.unitPriceAmount, currency: quote.unitPriceCurrency },
    leadTimeDays: quote.leadTimeDays,
    validUntil: quote.validUntil,
    incoterm: quote.incoterm,
    notes: quote.notes,
    status: quote.status,
    expired: quote.status === 'offered' && quote.validUntil < today(),
    orderId: quote.orderId,
    createdAt: quote.createdAt,
  };
}
