import type { ProductView } from './product-view.js';

/** The product form's fields as the browser posts them (all text). */
export interface ProductForm {
  title_id: string;
  title_en: string;
  description_id: string;
  description_en: string;
  categorySlug: string;
  price: string;
  stock: string;
  status: string;
  materials: string;
  technique: string;
  originVillage: string;
  weightGrams: string;
  lengthCm: string;
  widthCm: string;
  heightCm: string;
  /** Empty: ready stock; a number: made to order in that many days. */
  productionDays: string;
  hsCode: string;
  variants: string;
}

const FIELDS: Array<keyof ProductForm> = [
  'title_id',
  'title_en',
  'description_id',
  'description_en',
  'categorySlug',
  'price',
  'stock',
  'status',
  'materials',
  'technique',
  'originVillage',
  'weightGrams',
  'lengthCm',
  'widthCm',
  'heightCm',
  'productionDays',
  'hsCode',
  'variants',
];

const rupiah = (amount: number) => String(Math.round(amount / 100));

/** The form filled from a product (or empty for a new one). */
export function productForm(product: ProductView | undefined): ProductForm {
  if (!product) return { ...Object.fromEntries(FIELDS.map((f) => [f, ''])), status: 'draft', stock: '0' } as ProductForm;
  return {
    title_id: product.title.id,
    title_en: product.title.en ?? '',
    description_id: product.description.id,
    description_en: product.description.en ?? '',
    categorySlug: product.categorySlug,
    price: rupiah(product.price.amount),
    stock: String(product.stock),
    status: product.status,
    materials: product.materials.join(', '),
    technique: product.technique ?? '',
    originVillage: product.originVillage ?? '',
    weightGrams: product.weightGrams === null ? '' : String(product.weightGrams),
    lengthCm: String(product.lengthCm ?? ''),
    widthCm: String(product.widthCm ?? ''),
    heightCm: String(product.heightCm ?? ''),
    productionDays: product.madeToOrder ? String(product.productionDays) : '',
    hsCode: product.hsCode ?? '',
    variants: product.variants
      .map((v) =>
        [
          v.sku,
          Object.entries(v.options)
            .map(([k, val]) => `${k}=${val}`)
            .join(', '),
          v.price ? rupiah(v.price.amount) : '',
          String(v.stock),
        ].join(' | '),
      )
      .join('\n'),
  };
}

/** Whole rupiah as typed (`150000` or `150.000`) to minor units; anything else stays text so validation names it. */
function minor(value: string): unknown {
  return /^\d{1,3}(\.\d{3})+$|^\d+$/.test(value) ? Number(value.replace(/\./g, '')) * 100 : value;
}
const int = (value: string): unknown => (/^-?\d+$/.test(value) ? Number(value) : value);

/** The posted form, and the API body it stands for (validated by the same DTO as the API). */
export function formValues(body: unknown): { values: ProductForm; dto: Record<string, unknown> } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(FIELDS.map((f) => [f, typeof raw[f] === 'string' ? (raw[f] as string).trim() : ''])) as unknown as ProductForm;
  const variants = values.variants
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [sku = '', options = '', price = '', stock = ''] = line.split('|').map((part) => part.trim());
      const pairs = options
        .split(',')
        .map((pair) => pair.split('=').map((s) => s.trim()))
        .filter(([k, v]) => k && v);
      return { sku, options: Object.fromEntries(pairs), ...(price ? { price: { amount: minor(price), currency: 'IDR' } } : {}), stock: int(stock) };
    });
  const dto: Record<string, unknown> = {
    title: { id: values.title_id, ...(values.title_en ? { en: values.title_en } : {}) },
    description: { id: values.description_id, ...(values.description_en ? { en: values.description_en } : {}) },
    categorySlug: values.categorySlug,
    price: { amount: minor(values.price), currency: 'IDR' },
    stock: int(values.stock || '0'),
    status: values.status || 'draft',
    materials: values.materials
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean),
    variants,
  };
  if (values.technique) dto.technique = values.technique;
  if (values.originVillage) dto.originVillage = values.originVillage;
  if (values.weightGrams) dto.weightGrams = int(values.weightGrams);
  for (const key of ['lengthCm', 'widthCm', 'heightCm'] as const) if (values[key]) dto[key] = int(values[key]);
  dto.madeToOrder = !!values.productionDays;
  if (values.productionDays) dto.productionDays = int(values.productionDays);
  if (values.hsCode) dto.hsCode = values.hsCode;
  return { values, dto };
}

/** Which form field an API error path belongs to (`title.id` → `title_id`, `variants[2].stock` → `variants`). */
export function formFieldOf(path: string): string {
  const match = /^(title|description)\.(id|en)/.exec(path);
  if (match) return `${match[1]}_${match[2]}`;
  return path.split(/[.[]/)[0]!;
}
