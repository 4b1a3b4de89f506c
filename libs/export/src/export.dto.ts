import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { INCOTERMS } from '#libs/catalogue';
import { ShippingAddressDto } from '#libs/commerce';
import { PageQuery } from '#libs/platform';
import { COUNTRY_CODES, MARKET_CODES } from './countries.js';

export const EXPORT_EXPERIENCE = ['none', 'indirect', 'direct'] as const;
/** TT telegraphic transfer, LC letter of credit, DP/DA documentary collection, OA open account. */
export const PAYMENT_TERMS = ['TT', 'LC', 'DP', 'DA', 'OA'] as const;
export const SAMPLE_POLICIES = ['none', 'free', 'paid'] as const;
/** Where Bali's exports leave from. */
export const PORTS = ['benoa', 'tanjung_perak', 'ngurah_rai_air_cargo', 'celukan_bawang', 'tanjung_priok'] as const;
/** Rp 1 trillion in minor units: far above any quote, far below 2^53. */
const MAX_AMOUNT = 100_000_000_000_000;

export class ExportProfileDto {
  @ApiProperty({ enum: EXPORT_EXPERIENCE, description: 'none; indirect (through an exporter or cooperative); direct' })
  @IsIn(EXPORT_EXPERIENCE, { message: `must be one of ${EXPORT_EXPERIENCE.join(', ')}` })
  exportExperience: (typeof EXPORT_EXPERIENCE)[number];

  @ApiProperty({ type: [String], example: ['AU', 'EU'], description: 'ISO 3166-1 alpha-2 codes or EU' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsIn(MARKET_CODES, { each: true, message: 'each must be an ISO 3166-1 alpha-2 country code (uppercase) or EU' })
  targetMarkets: string[];

  @ApiProperty({ example: 200, description: 'Units the seller can make in a month' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  productionCapacityPerMonth: number;

  @ApiProperty()
  @IsBoolean()
  hasExportPlan: boolean;

  @ApiPropertyOptional({ default: 0, description: 'People who handle exports' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  exportStaff?: number;

  @ApiPropertyOptional({ enum: PAYMENT_TERMS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(PAYMENT_TERMS, { each: true, message: `each must be one of ${PAYMENT_TERMS.join(', ')}` })
  paymentTermsAccepted?: string[];

  @ApiPropertyOptional({ enum: PORTS, nullable: true })
  @IsOptional()
  @IsIn(PORTS, { message: `must be one of ${PORTS.join(', ')}` })
  portOfLoading?: string | null;

  @ApiPropertyOptional({ enum: SAMPLE_POLICIES, nullable: true })
  @IsOptional()
  @IsIn(SAMPLE_POLICIES, { message: `must be one of ${SAMPLE_POLICIES.join(', ')}` })
  samplePolicy?: (typeof SAMPLE_POLICIES)[number] | null;

  @ApiPropertyOptional({ description: 'Makes goods under the buyer’s brand' })
  @IsOptional()
  @IsBoolean()
  privateLabel?: boolean;

  @ApiPropertyOptional({ description: 'Makes to the buyer’s design (OEM)' })
  @IsOptional()
  @IsBoolean()
  oem?: boolean;
}

export class RequirementsQueryDto {
  @ApiProperty({ example: '0901.21', description: 'HS code, 4 to 10 digits, dots optional' })
  @IsString()
  hsCode: string;

  @ApiProperty({ example: 'EU', description: 'ISO 3166-1 alpha-2 country code or EU' })
  @IsString()
  destination: string;
}

export class ReadinessSummaryQueryDto {
  @ApiPropertyOptional({ example: 'gianyar', description: 'A regency slug; a regency curator sees only their own' })
  @IsOptional()
  @IsString()
  regency?: string;
}

export class IdrPriceDto {
  @ApiProperty({ example: 15000000, description: 'Integer minor units: Rp 150.000 is 15000000' })
  @IsInt({ message: 'must be an integer of minor units (Rp 150.000 is 15000000)' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiProperty({ enum: ['IDR'], description: 'Quotes and orders are in rupiah; other currencies are display conversions' })
  @IsIn(['IDR'], { message: 'must be IDR' })
  currency: 'IDR';
}

const INCOTERM_MESSAGE = `must be one of the Incoterms 2020 rules: ${INCOTERMS.join(', ')}`;

export class CreateRfqDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The product asked about (its seller is the addressee)' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The seller asked, when no product is named' })
  @IsOptional()
  @IsUUID()
  sellerId?: string;

  @ApiProperty({ example: 200 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  quantity: number;

  @ApiProperty({ example: 'AU', description: 'ISO 3166-1 alpha-2' })
  @IsIn(COUNTRY_CODES, { message: 'must be an ISO 3166-1 alpha-2 country code (uppercase)' })
  destinationCountry: string;

  @ApiProperty({ enum: INCOTERMS })
  @IsIn(INCOTERMS, { message: INCOTERM_MESSAGE })
  incoterm: string;

  @ApiProperty({ example: 'We would like 200 pieces for our shop in Melbourne.' })
  @IsString()
  @Length(1, 4000, { message: 'must be 1 to 4000 characters' })
  message: string;

  @ApiPropertyOptional({ type: IdrPriceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdrPriceDto)
  targetUnitPrice?: IdrPriceDto;
}

export class CreateQuoteDto {
  @ApiProperty({ type: IdrPriceDto })
  @ValidateNested()
  @Type(() => IdrPriceDto)
  unitPrice: IdrPriceDto;

  @ApiProperty({ example: 30 })
  @IsInt()
  @Min(0)
  @Max(730)
  leadTimeDays: number;

  @ApiProperty({ example: '2026-12-31', description: 'The last day the offer holds (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  validUntil: string;

  @ApiProperty({ enum: INCOTERMS })
  @IsIn(INCOTERMS, { message: INCOTERM_MESSAGE })
  incoterm: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The product offered, when the RFQ named none' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  notes?: string;
}

export class AcceptQuoteDto {
  @ApiPropertyOptional({ type: ShippingAddressDto, description: 'Where to ship; defaults to the buyer’s name in the RFQ’s destination country' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto;
}

export class RfqListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only RFQs addressed to this seller (one you manage)' })
  @IsOptional()
  @IsUUID()
  sellerId?: string;
}
