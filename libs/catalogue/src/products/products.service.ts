import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Raw, type EntityManager } from 'typeorm';
import type { SignedInUser } from '#libs/identity';
import { SellerAccess, SellersService } from '#libs/sellers';
import { DomainEvents, invalid, notFound, paged, sanitizeRichText, type FieldError, type Paged, type Text } from '#libs/platform';
import { ProductChanged } from '../catalogue.events.js';
import { CategoriesService } from '../categories/categories.service.js';
import { assertExportTiers, type ExportListing } from './export-listing.js';
import { imageView, MediaService, type ImageView } from '../media/media.service.js';
import type { CategorySort, CreateProductDto, ProductListQuery, UpdateProductDto, VariantDto } from './product.dto.js';
import { Product, type Dimensions, type ProductStatus } from './product.entity.js';
import { ProductVariant } from './product-variant.entity.js';
import { toProductView, type ProductView } from './product-view.js';
import { StockService, type LedgerEntry } from './stock.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cleanText = (text: { id: string; en?: string }): Text => (text.en?.trim() ? { id: text.id, en: text.en } : { id: text.id });
const richText = (text: { id: string; en?: string }): Text => cleanText({ id: sanitizeRichText(text.id), en: text.en === undefined ? undefined : sanitizeRichText(text.en) });

/** Products with their variants and images; every change writes the stock ledger and records `ProductChanged` in its transaction. */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly categories: CategoriesService,
    private readonly media: MediaService,
    private readonly stock: StockService,
    private readonly events: DomainEvents,
  ) {}

  async create(user: SignedInUser, sellerId: string, dto: CreateProductDto): Promise<ProductView> {
    await this.access.assertCanManage(user, sellerId);
    await this.checkInput(sellerId, dto);
    if (dto.madeToOrder && !dto.productionDays) throw invalid('productionDays', 'is required for a product made to order');
    const id = await this.dataSource.transaction(async (manager) => {
      const variants = dto.variants ?? [];
      const product = await manager.getRepository(Product).save(
        manager.getRepository(Product).create({
          sellerId,
          handle: null,
          title: cleanText(dto.title),
          description: richText(dto.description),
          categorySlug: dto.categorySlug,
          priceAmount: dto.price.amount,
          priceCurrency: 'IDR',
          stock: variants.length ? variants.reduce((sum, v) => sum + v.stock, 0) : dto.stock,
          status: dto.status ?? 'draft',
          materials: dto.materials ?? [],
          technique: dto.technique ?? null,
          originVillage: dto.originVillage ?? null,
          weightGrams: dto.weightGrams ?? null,
          dimensions: dimensionsOf(dto) ?? null,
          madeToOrder: dto.madeToOrder ?? false,
          productionDays: dto.productionDays ?? null,
          hsCode: dto.hsCode ?? null,
          export: dto.export ? this.exportListing(dto.export) : null,
        }),
      );
      const ledger = await this.saveVariants(manager, product, variants, []);
      if (!variants.length) ledger.push({ productId: product.id, delta: product.stock });
      if (dto.images) await this.saveImages(manager, product.id, dto.images);
      await this.stock.record(manager, ledger, 'adjustment', null, user.id);
      await this.events.record(manager, ProductChanged, { productId: product.id, sellerId });
      return product.id;
    });
    return (await this.findById(id))!;
  }

  async update(user: SignedInUser, id: string, dto: UpdateProductDto): Promise<ProductView> {
    const existing = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!existing) throw notFound('Product');
    await this.access.assertCanManage(user, existing.sellerId);
    await this.checkInput(existing.sellerId, dto);
    await this.dataSource.transaction(async (manager) => {
      // Product, then variants, locked (the order every stock writer uses) so a concurrent reservation cannot slip in between.
      const product = (await manager.getRepository(Product).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }))!;
      const current = await manager.getRepository(ProductVariant).find({ where: { productId: id }, lock: { mode: 'pessimistic_write' } });
      if (dto.title) product.title = cleanText(dto.title);
      if (dto.description) product.description = richText(dto.description);
      if (dto.categorySlug) product.categorySlug = dto.categorySlug;
      if (dto.price) product.priceAmount = dto.price.amount;
      if (dto.status) product.status = dto.status;
      if (dto.materials) product.materials = dto.materials;
      if (dto.technique !== undefined) product.technique = dto.technique || null;
      if (dto.originVillage !== undefined) product.originVillage = dto.originVillage || null;
      if (dto.weightGrams !== undefined) product.weightGrams = dto.weightGrams;
      const dimensions = dimensionsOf(dto);
      if (dimensions) product.dimensions = { ...product.dimensions, ...dimensions };
      if (dto.madeToOrder !== undefined) product.madeToOrder = dto.madeToOrder;
      if (dto.productionDays !== undefined) product.productionDays = dto.productionDays;
      if (product.madeToOrder && !product.productionDays) throw invalid('productionDays', 'is required for a product made to order');
      if (dto.hsCode !== undefined) product.hsCode = dto.hsCode || null;
      if (dto.export !== undefined) product.export = dto.export ? this.exportListing(dto.export) : null;

      // With variants the product holds their sum (`stock` is ignored); without, `stock` (0 once the last variant goes).
      const before = product.stock;
      const ledger: LedgerEntry[] = dto.variants ? await this.saveVariants(manager, product, dto.variants, current) : [];
      const stocks = dto.variants ? dto.variants.map((v) => v.stock) : current.map((v) => v.stock);
      product.stock = stocks.length ? stocks.reduce((sum, n) => sum + n, 0) : (dto.stock ?? (dto.variants ? 0 : before));
      // What the variants' entries do not explain (a simple product's own stock, gained or given up) goes on the product, so the ledger sums to the stock.
      ledger.push({ productId: id, delta: product.stock - before - ledger.reduce((sum, e) => sum + e.delta, 0) });
      await manager.getRepository(Product).save(product);
      if (dto.images) await this.saveImages(manager, id, dto.images);
      await this.stock.record(manager, ledger, 'adjustment', null, user.id);
      await this.events.record(manager, ProductChanged, { productId: id, sellerId: product.sellerId });
    });
    return (await this.findById(id))!;
  }

  /** Archived, never erased: orders keep pointing at it. */
  async archive(user: SignedInUser, id: string): Promise<void> {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product) throw notFound('Product');
    await this.access.assertCanManage(user, product.sellerId);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Product).update({ id }, { status: 'archived' });
      await this.events.record(manager, ProductChanged, { productId: id, sellerId: product.sellerId });
    });
  }

  /** A manager's stock correction; conditional, so parallel corrections never take stock below zero. */
  async adjustStock(user: SignedInUser, id: string, change: { delta: number; variantId?: string; note?: string }) {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product) throw notFound('Product');
    await this.access.assertCanManage(user, product.sellerId);
    const result = await this.dataSource.transaction((manager) =>
      this.stock.adjust(manager, { productId: id, variantId: change.variantId ?? null, delta: change.delta }, user.id, change.note ?? null),
    );
    return { productId: id, ...(change.variantId ? { variantId: change.variantId } : {}), ...result };
  }

  /** Any status, for other libs (commerce checks status itself). */
  async findById(id: string): Promise<ProductView | null> {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    return product ? (await this.views([product]))[0]! : null;
  }

  /**
   * Products by id, any status (unknown ids are left out; one query), for other libs that need the
   * rows themselves: read in the caller's transaction when given its manager (a checkout prices with
   * what it reserves).
   */
  async findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Product[]> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    return valid.length ? manager.find(Product, { where: { id: In(valid) } }) : [];
  }

  /** The variants of these products (one query), in the caller's transaction when given its manager. */
  async variantsOf(productIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<ProductVariant[]> {
    const valid = [...new Set(productIds)].filter((id) => UUID.test(id));
    return valid.length ? manager.find(ProductVariant, { where: { productId: In(valid) }, order: { position: 'ASC' } }) : [];
  }

  /** What `user` may see: active products of sellers not suspended for everyone, the rest only for the seller's managers (404 for others). */
  async findVisible(user: SignedInUser | undefined, id: string): Promise<ProductView> {
    const product = await this.findById(id);
    if (!product) throw notFound('Product');
    const open = product.status === 'active' && !(await this.sellers.findById(product.sellerId))?.suspendedAt;
    if (!open && !(await this.canManage(user, product.sellerId))) throw notFound('Product');
    return product;
  }

  async canManage(user: SignedInUser | undefined, sellerId: string): Promise<boolean> {
    if (!user) return false;
    const allowed = await this.access.manageable(user, [sellerId]);
    return allowed.has(sellerId);
  }

  /** `search` matches either language of the title (the dashboard's search box). */
  async listForSeller(user: SignedInUser | undefined, sellerId: string, query: ProductListQuery, search?: string): Promise<Paged<ProductView>> {
    const manager = await this.canManage(user, sellerId);
    const status: ProductStatus[] = !manager ? ['active'] : query.status ? [query.status] : ['draft', 'active', 'archived'];
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const [products, total] = await this.dataSource.getRepository(Product).findAndCount({
      where: {
        sellerId,
        status: In(status),
        ...(pattern ? { title: Raw((alias) => `(${alias}->>'id' ILIKE :pattern OR ${alias}->>'en' ILIKE :pattern)`, { pattern }) } : {}),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    return paged(await this.views(products), total, query);
  }

  /** The newest products everyone may see, for the home page. */
  async newest(limit: number): Promise<ProductView[]> {
    const products = await this.publicProducts().orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'ASC').take(limit).getMany();
    return this.views(products);
  }

  /** Active products of sellers not suspended (what public lists show), as `p`. */
  private publicProducts() {
    return this.dataSource.getRepository(Product).createQueryBuilder('p').where(`p.status = 'active'`).andWhere('p.seller_id IN (SELECT s.id FROM sellers_public_v s WHERE s.suspended_at IS NULL)');
  }

  /** Active products of sellers not suspended in any of `categorySlugs` (a category page), newest or by price. */
  async listInCategories(categorySlugs: string[], query: { sort: CategorySort; page: number; perPage: number }): Promise<Paged<ProductView>> {
    const [column, direction] = query.sort === 'newest' ? (['p.createdAt', 'DESC'] as const) : (['p.priceAmount', query.sort === 'price_asc' ? 'ASC' : 'DESC'] as const);
    const [products, total] = await this.publicProducts()
      .andWhere('p.categorySlug IN (:...categorySlugs)', { categorySlugs })
      .orderBy(column, direction)
      .addOrderBy('p.id', 'ASC')
      .skip((query.page - 1) * query.perPage)
      .take(query.perPage)
      .getManyAndCount();
    return paged(await this.views(products), total, query);
  }

  /** Views of many products with two more queries (variants, images), whatever their number. */
  async views(products: Product[]): Promise<ProductView[]> {
    if (products.length === 0) return [];
    const ids = products.map((p) => p.id);
    const variants = await this.dataSource.getRepository(ProductVariant).find({ where: { productId: In(ids) } });
    const images: Array<{ product_id: string; id: string; width: number; height: number; widths: number[] }> = await this.dataSource.query(
      `SELECT pi.product_id, m.id, m.width, m.height, m.widths FROM product_images pi JOIN media m ON m.id = pi.media_id
       WHERE pi.product_id = ANY($1) ORDER BY pi.position`,
      [ids],
    );
    const imagesOf = new Map<string, ImageView[]>();
    for (const row of images) imagesOf.set(row.product_id, [...(imagesOf.get(row.product_id) ?? []), imageView(row)]);
    return products.map((p) =>
      toProductView(
        p,
        variants.filter((v) => v.productId === p.id),
        imagesOf.get(p.id) ?? [],
      ),
    );
  }

  /** Checks that need the database or span fields; each failure names its field. */
  private async checkInput(sellerId: string, dto: UpdateProductDto) {
    const errors: FieldError[] = [];
    if (dto.categorySlug !== undefined && !(await this.categories.find(dto.categorySlug))) errors.push({ field: 'categorySlug', message: 'is not a category (see GET /categories)' });
    const skus = new Set<string>();
    dto.variants?.forEach((variant, i) => {
      if (skus.has(variant.sku)) errors.push({ field: `variants[${i}].sku`, message: 'is used by another variant' });
      skus.add(variant.sku);
    });
    if (dto.images?.length) {
      const owned = new Set(await this.media.ownedBy(sellerId, dto.images));
      dto.images.forEach((mediaId, i) => {
        if (!owned.has(mediaId)) errors.push({ field: `images[${i}]`, message: "is not one of this seller's uploaded images" });
      });
    }
    if (errors.length) throw invalid(errors[0]!.field, errors[0]!.message, errors.slice(1));
    if (dto.export) assertExportTiers(dto.export);
  }

  private exportListing(dto: NonNullable<CreateProductDto['export']>): ExportListing {
    return {
      moq: dto.moq,
      priceTiers: [...dto.priceTiers].sort((a, b) => a.minQty - b.minQty).map((t) => ({ minQty: t.minQty, price: { amount: t.price.amount, currency: 'IDR' } })),
      leadTimeDays: dto.leadTimeDays,
      capacityPerMonth: dto.capacityPerMonth,
      incoterms: dto.incoterms,
      ...(dto.portOfLoading ? { portOfLoading: dto.portOfLoading } : {}),
      ...(dto.packaging ? { packaging: dto.packaging } : {}),
      ...(dto.sampleAvailable !== undefined ? { sampleAvailable: dto.sampleAvailable } : {}),
    };
  }

  /** Makes the product's variants exactly `wanted` (matched by SKU, so ids in carts survive); returns the stock changes. */
  private async saveVariants(manager: EntityManager, product: Product, wanted: VariantDto[], current: ProductVariant[]): Promise<LedgerEntry[]> {
    const repo = manager.getRepository(ProductVariant);
    const bySku = new Map(current.map((v) => [v.sku, v]));
    const ledger: LedgerEntry[] = [];
    const gone = current.filter((v) => !wanted.some((w) => w.sku === v.sku));
    if (gone.length) {
      await repo.delete({ id: In(gone.map((v) => v.id)) });
      ledger.push(...gone.map((v) => ({ productId: product.id, delta: -v.stock })));
    }
    for (const [position, w] of wanted.entries()) {
      const old = bySku.get(w.sku);
      const saved = await repo.save(
        repo.create({
          id: old?.id,
          productId: product.id,
          sku: w.sku,
          options: w.options,
          priceAmount: w.price?.amount ?? null,
          stock: w.stock,
          position,
          weightGrams: w.weightGrams ?? null,
          dimensions: dimensionsOf(w) ?? null,
        }),
      );
      ledger.push({ productId: product.id, variantId: saved.id, delta: w.stock - (old?.stock ?? 0) });
    }
    return ledger;
  }

  private async saveImages(manager: EntityManager, productId: string, mediaIds: string[]) {
    await manager.query(`DELETE FROM product_images WHERE product_id = $1`, [productId]);
    if (mediaIds.length) {
      await manager.query(`INSERT INTO product_images (product_id, media_id, position) SELECT $1, m, p - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(m, p)`, [productId, mediaIds]);
    }
  }
}

/** The size given as `dimensions` and/or `lengthCm`, `widthCm`, `heightCm` (these win); undefined when neither. */
function dimensionsOf(dto: { dimensions?: Dimensions; lengthCm?: number; widthCm?: number; heightCm?: number }): Dimensions | undefined {
  const { lengthCm, widthCm, heightCm } = { ...dto.dimensions, ...dto };
  const given = Object.entries({ lengthCm, widthCm, heightCm }).filter(([, value]) => value !== undefined);
  return given.length ? (Object.fromEntries(given) as Dimensions) : undefined;
}
