import { Injectable } from '@nestjs/common';
import { ProductsService, type Product, type ProductVariant } from '#libs/catalogue';
import type { Text } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import type { EntityManager } from 'typeorm';

/** A product (or one of its variants) as a buyer can put it in a cart: today's price and stock. */
export interface Purchasable {
  productId: string;
  variantId: string | null;
  sellerId: string;
  title: Text;
  /** The variant's options, e.g. { ukuran: "L" }. */
  options: Record<string, string>;
  unitPriceAmount: number;
  stock: number;
  active: boolean;
  weightGrams: number;
  /** The variant's own size, else the product's. */
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
  /** Made when ordered: no stock is needed or taken; it ships within `productionDays`. */
  madeToOrder: boolean;
  productionDays: number | null;
  hasVariants: boolean;
}

export const lineKey = (productId: string, variantId: string | null | undefined) => `${productId}:${variantId ?? ''}`;

/**
 * Reads the catalogue's products and variants and the sellers' suspensions through their
 * services, in the caller's transaction, so a checkout prices with what it reserves.
 */
@Injectable()
export class Purchasables {
  constructor(
    private readonly products: ProductsService,
    private readonly sellers: SellersService,
  ) {}

  async load(manager: EntityManager, lines: Array<{ productId: string; variantId?: string | null }>): Promise<Map<string, Purchasable>> {
    const productIds = [...new Set(lines.map((l) => l.productId))];
    const found = new Map<string, Purchasable>();
    if (productIds.length === 0) return found;
    const products = await this.products.findByIds(productIds, manager);
    const variants = await this.products.variantsOf(productIds, manager);
    // A suspended seller's products stay visible in old orders but cannot be bought.
    const suspended = await this.sellers.suspended([...new Set(products.map((p) => p.sellerId))], manager);
    return collect(found, products, variants, suspended);
  }
}

function collect(found: Map<string, Purchasable>, products: Product[], variants: ProductVariant[], suspended: Set<string>): Map<string, Purchasable> {
  for (const product of products) {
    const own = variants.filter((v) => v.productId === product.id);
    const base = {
      productId: product.id,
      sellerId: product.sellerId,
      title: product.title,
      active: product.status === 'active' && !suspended.has(product.sellerId),
      weightGrams: product.weightGrams ?? 0,
      ...product.dimensions,
      madeToOrder: product.madeToOrder,
      productionDays: product.productionDays,
      hasVariants: own.length > 0,
    };
    found.set(lineKey(product.id, null), { ...base, variantId: null, options: {}, unitPriceAmount: product.priceAmount, stock: own.length ? 0 : product.stock });
    for (const variant of own) {
      found.set(lineKey(product.id, variant.id), {
        ...base,
        variantId: variant.id,
        options: variant.options,
        unitPriceAmount: variant.priceAmount ?? product.priceAmount,
        stock: variant.stock,
        weightGrams: variant.weightGrams ?? base.weightGrams,
        ...variant.dimensions,
      });
    }
  }
  return found;
}
