import type { Money, Text } from '#libs/platform';
import type { ImageView } from '../media/media.service.js';
import type { ExportListing } from './export-listing.js';
import type { Dimensions, Product, ProductStatus } from './product.entity.js';
import type { ProductVariant } from './product-variant.entity.js';

export interface VariantView {
  id: string;
  sku: string;
  options: Record<string, string>;
  price?: Money;
  stock: number;
  /** The variant's own; absent: the product's. */
  weightGrams?: number;
  dimensions?: Dimensions;
}

/** A product as the API and the pages show it. */
export interface ProductView {
  id: string;
  sellerId: string;
  handle: string | null;
  title: Text;
  description: Text;
  categorySlug: string;
  price: Money;
  stock: number;
  status: ProductStatus;
  materials: string[];
  technique: string | null;
  originVillage: string | null;
  weightGrams: number | null;
  dimensions: Dimensions | null;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  madeToOrder: boolean;
  productionDays: number | null;
  hsCode: string | null;
  export: ExportListing | null;
  variants: VariantView[];
  images: ImageView[];
  createdAt: Date;
  updatedAt: Date;
}

export function toProductView(product: Product, variants: ProductVariant[], images: ImageView[]): ProductView {
  return {
    id: product.id,
    sellerId: product.sellerId,
    handle: product.handle,
    title: product.title,
    description: product.description,
    categorySlug: product.categorySlug,
    price: { amount: product.priceAmount, currency: product.priceCurrency },
    stock: product.stock,
    status: product.status,
    materials: product.materials,
    technique: product.technique,
    originVillage: product.originVillage,
    weightGrams: product.weightGrams,
    dimensions: product.dimensions,
    lengthCm: product.dimensions?.lengthCm ?? null,
    widthCm: product.dimensions?.widthCm ?? null,
    heightCm: product.dimensions?.heightCm ?? null,
    madeToOrder: product.madeToOrder,
    productionDays: product.productionDays,
    hsCode: product.hsCode,
    export: product.export,
    variants: variants
      .sort((a, b) => a.position - b.position)
      .map((v) => ({
        id: v.id,
        sku: v.sku,
        options: v.options,
        ...(v.priceAmount !== null ? { price: { amount: v.priceAmount, currency: product.priceCurrency } } : {}),
        stock: v.stock,
        ...(v.weightGrams !== null ? { weightGrams: v.weightGrams } : {}),
        ...(v.dimensions ? { dimensions: v.dimensions } : {}),
      })),
    images,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}
