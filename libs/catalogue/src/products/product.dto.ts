import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { PageQuery } from '#libs/platform';
import { INCOTERMS } from './export-listing.js';
import type { ProductStatus } from './product.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** `0901.21`, `0901 21` and `090121` are one code; stored as digits. */
const hsDigits = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/[.\s]/g, '') : value);
const MAX_STOCK = 1_000_000;
const MAX_AMOUNT = 1_000_000_000_000; // Rp 10 miliar in minor units

/** Variant options: at most three `name: value` string pairs (`{ "Ukuran": "M" }`). */
function IsOptionMap() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOptionMap',
      target: object.constructor,
      propertyName,
      options: { message: 'must be an object of up to 3 option names to text values' },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 3 &&
          Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 40 && typeof v === 'string' && v.length >= 1 && v.length <= 60),
      },
    });
}

export class MoneyDto {
  @ApiProperty({ example: 15000000, description: 'Integer minor units: Rp 150.000 is 15000000' })
  @IsInt({ message: 'must be an integer of minor units (Rp 150.000 is 15000000)' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiProperty({ enum: ['IDR'], description: 'Prices are set in rupiah; other currencies are display conversions' })
  @IsIn(['IDR'], { message: 'must be IDR: prices are set in rupiah' })
  currency: 'IDR';
}

export class TitleTextDto {
  @ApiProperty({ example: 'Kain endek motif cepuk' })
  @Transform(trim)
  @IsString()
  @Length(1, 160, { message: 'must be 1 to 160 characters' })
  id: string;

  @ApiPropertyOptional({ example: 'Endek cloth, cepuk motif' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(160)
  en?: string;
}

export class RichTextDto {
  @ApiProperty({ description: 'Rich text (HTML); sanitised against an allow-list' })
  @IsString()
  @MaxLength(20_000)
  id: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  en?: string;
}

/** A parcel's weight and size, on a product or a variant (a variant's null: the product's): its charged weight at couriers. */
export class ParcelSizeDto {
  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of grams' })
  @Min(0, { message: 'must not be negative' })
  @Max(1_000_000)
  weightGrams?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, description: 'Packed length in centimetres' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of centimetres' })
  @Min(1)
  @Max(10_000)
  lengthCm?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of centimetres' })
  @Min(1)
  @Max(10_000)
  widthCm?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of centimetres' })
  @Min(1)
  @Max(10_000)
  heightCm?: number;
}

export class VariantDto extends ParcelSizeDto {
  @ApiProperty({ example: 'ENDEK-CEPUK-M' })
  @Transform(trim)
  @IsString()
  @Length(1, 64, { message: 'must be 1 to 64 characters' })
  sku: string;

  @ApiProperty({ example: { Ukuran: 'M', Warna: 'Merah' }, type: 'object', additionalProperties: { type: 'string' } })
  @IsOptionMap()
  options: Record<string, string>;

  @ApiPropertyOptional({ type: MoneyDto, description: "Overrides the product's price" })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  price?: MoneyDto;

  @ApiProperty({ minimum: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_STOCK)
  stock: number;
}

export class DimensionsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000) lengthCm?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000) widthCm?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000) heightCm?: number;
}

export class PriceTierDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  minQty: number;

  @ApiProperty({ type: MoneyDto, description: 'Unit price from this quantity' })
  @ValidateNested()
  @Type(() => MoneyDto)
  price: MoneyDto;
}

export class ExportListingDto {
  @ApiProperty({ minimum: 1, description: 'Minimum order quantity' })
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_STOCK)
  moq: number;

  @ApiProperty({ type: [PriceTierDto], description: 'Unit price must not rise as quantity rises' })
  @IsArray()
  @ArrayMinSize(1, { message: 'needs at least one tier' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  priceTiers: PriceTierDto[];

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  capacityPerMonth: number;

  @ApiProperty({ enum: INCOTERMS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INCOTERMS, { each: true, message: `must be Incoterms 2020 rules: ${INCOTERMS.join(', ')}` })
  incoterms: string[];

  @ApiPropertyOptional({ example: 'Benoa, Bali' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  portOfLoading?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  packaging?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  sampleAvailable?: boolean;
}

export class CreateProductDto extends ParcelSizeDto {
  @ApiProperty({ type: TitleTextDto })
  @ValidateNested()
  @Type(() => TitleTextDto)
  title: TitleTextDto;

  @ApiProperty({ type: RichTextDto })
  @ValidateNested()
  @Type(() => RichTextDto)
  description: RichTextDto;

  @ApiProperty({ example: 'endek' })
  @IsString()
  @MaxLength(60)
  categorySlug: string;

  @ApiProperty({ type: MoneyDto })
  @ValidateNested()
  @Type(() => MoneyDto)
  price: MoneyDto;

  @ApiProperty({ minimum: 0, description: 'Ignored when variants are given (their sum is the stock)' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_STOCK)
  stock: number;

  @ApiPropertyOptional({ enum: ['draft', 'active'], default: 'draft' })
  @IsOptional()
  @IsIn(['draft', 'active'], { message: 'must be draft or active' })
  status?: 'draft' | 'active';

  @ApiPropertyOptional({ example: ['katun', 'pewarna alam'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  materials?: string[];

  @ApiPropertyOptional({ example: 'tenun ikat pakan' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  technique?: string;

  @ApiPropertyOptional({ example: 'Sidemen' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  originVillage?: string;

  @ApiPropertyOptional({ description: 'Made when ordered: takes no ready stock; productionDays is then required' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  madeToOrder?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Days to make it, for made-to-order products (the order’s ship-by date)' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1)
  @Max(365)
  productionDays?: number;

  @ApiPropertyOptional({ type: DimensionsDto, description: 'The same size as lengthCm, widthCm, heightCm' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DimensionsDto)
  dimensions?: DimensionsDto;

  @ApiPropertyOptional({ example: '5208.42', description: 'HS code, with or without dots, 4 to 10 digits' })
  @IsOptional()
  @Transform(hsDigits)
  @IsString()
  @Matches(/^\d{4,10}$/, { message: 'must be an HS code of 4 to 10 digits, e.g. 0901.21' })
  hsCode?: string;

  @ApiPropertyOptional({ type: [VariantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => VariantDto)
  variants?: VariantDto[];

  @ApiPropertyOptional({ type: ExportListingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExportListingDto)
  export?: ExportListingDto;

  @ApiPropertyOptional({ type: [String], description: "Up to 10 media ids of this seller's uploads, in display order" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'must hold at most 10 images' })
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be media ids' })
  images?: string[];
}

export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['status', 'export'] as const)) {
  @ApiPropertyOptional({ enum: ['draft', 'active', 'archived'] })
  @IsOptional()
  @IsIn(['draft', 'active', 'archived'], { message: 'must be draft, active or archived' })
  status?: ProductStatus;

  @ApiPropertyOptional({ nullable: true, type: ExportListingDto, description: 'null removes the export listing' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExportListingDto)
  export?: ExportListingDto | null;
}

export class ProductListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['draft', 'active', 'archived'], description: 'Managers only; the public sees active products' })
  @IsOptional()
  @IsIn(['draft', 'active', 'archived'])
  status?: ProductStatus;
}

export const CATEGORY_SORTS = ['newest', 'price_asc', 'price_desc'] as const;
export type CategorySort = (typeof CATEGORY_SORTS)[number];

/** `/categories/:slug?sort&page&perPage&lang`. */
export class CategoryPageQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CATEGORY_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(CATEGORY_SORTS, { message: `must be one of ${CATEGORY_SORTS.join(', ')}` })
  sort: CategorySort = 'newest';

  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class StockAdjustmentDto {
  @ApiProperty({ example: -2, description: 'Units added (positive) or taken out (negative); stock never goes below zero (409)' })
  @IsInt({ message: 'must be a whole number' })
  @Min(-MAX_STOCK)
  @Max(MAX_STOCK)
  @NotEquals(0, { message: 'must not be zero' })
  delta: number;

  @ApiPropertyOptional({ description: 'Required when the product has variants' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a variant id' })
  variantId?: string;

  @ApiPropertyOptional({ example: 'stock opname Desember', description: 'Kept in the stock ledger as the reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
