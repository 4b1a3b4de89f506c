import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO31661Alpha2, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '#libs/platform';
import { MAX_LINE_QUANTITY } from './cart/cart.service.js';
import { ORDER_STATUSES, type OrderStatus } from './orders/order-state-machine.js';
import { SHIPPING_ZONES, type ShippingZone } from './shipping/shipping-zones.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class AddCartItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  productId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when the product has variants' })
  @IsOptional()
  @IsUUID('all')
  variantId?: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, example: 1 })
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export class UpdateCartItemDto {
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2 })
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export class ShippingAddressDto {
  @ApiProperty({ example: 'Ni Luh Putu Sari' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ example: 'Jl. Raya Ubud No. 8' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  line1: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 200)
  line2?: string;

  @ApiProperty({ example: 'Gianyar' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiPropertyOptional({ description: 'Province or state; for Indonesia an island zone such as `java` may be given instead of relying on the postal code' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 100)
  region?: string;

  @ApiProperty({ example: '80571' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{3,12}$/, { message: 'must be a postal code (3 to 12 letters or digits)' })
  postalCode: string;

  @ApiProperty({ example: 'ID', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. ID' })
  country: string;

  @ApiPropertyOptional({ example: '+6281234567890' })
  @IsOptional()
  @Transform(trim)
  @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'must be a phone number' })
  phone?: string;
}

export class CheckoutDto {
  @ApiProperty({ enum: ['bank_transfer', 'stripe', 'xendit'], description: 'xendit: QRIS, virtual accounts, e-wallets (when XENDIT_SECRET_KEY is set)' })
  @IsIn(['bank_transfer', 'stripe', 'xendit'])
  paymentMethod: 'bank_transfer' | 'stripe' | 'xendit';

  @ApiProperty({ type: ShippingAddressDto })
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress: ShippingAddressDto;

  @ApiPropertyOptional({
    example: { '5b1f…': { courier: 'jne', service: 'reg' } },
    description: 'Per seller, one of the options of POST /shipping/rates; a seller left out ships with its cheapest',
  })
  @IsOptional()
  @IsObject({ message: 'must map seller ids to { courier, service }' })
  shipping?: Record<string, { courier?: unknown; service?: unknown } | undefined>;

  @ApiPropertyOptional({ example: 'USD', description: 'Display currency: totals are also shown converted, as an estimate' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code' })
  currency?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES)
  to: OrderStatus;

  @ApiPropertyOptional({ description: 'Required for `shipped`' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 80)
  trackingNumber?: string;

  @ApiPropertyOptional({ example: 'jne', description: 'For `shipped` by hand: the courier carrying the parcel' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  courier?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 500)
  reason?: string;
}

export class TransferRefundDto {
  @ApiProperty({ description: 'The reference of the transfer back to the buyer, as the bank shows it', example: 'BRI 2026112900123' })
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  bankReference: string;

  @ApiPropertyOptional({ description: 'A part of the order owed back (`refundId` on the transfers-owed list); absent: everything owed back on the order', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  refundId?: string;
}

export class OrderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ enum: ['newest', 'ship_by'], description: "A seller's list: `ship_by` puts the earliest promised ship-by date first (made to order), the rest after" })
  @IsOptional()
  @IsIn(['newest', 'ship_by'], { message: 'must be newest or ship_by' })
  sort?: 'newest' | 'ship_by';
}

export class IdrDto {
  @ApiProperty({ example: 1200000, description: 'Integer minor units: Rp 12.000 is 1200000' })
  @IsInt({ message: 'must be an integer of minor units' })
  @Min(0)
  @Max(100_000_000_000)
  amount: number;

  @ApiProperty({ enum: ['IDR'] })
  @IsIn(['IDR'], { message: 'must be IDR' })
  currency: 'IDR';
}

export class ShippingRateDto {
  @ApiProperty({ enum: SHIPPING_ZONES })
  @IsIn(SHIPPING_ZONES)
  zone: ShippingZone;

  @ApiProperty({ type: IdrDto, description: 'Price of a parcel up to 1 kg' })
  @ValidateNested()
  @Type(() => IdrDto)
  firstKg: IdrDto;

  @ApiProperty({ type: IdrDto, description: 'Price of each further started kilogram' })
  @ValidateNested()
  @Type(() => IdrDto)
  perKg: IdrDto;
}

export class ShippingRatesDto {
  @ApiProperty({ type: ShippingRateDto, isArray: true })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(SHIPPING_ZONES.length)
  @Type(() => ShippingRateDto)
  rates: ShippingRateDto[];
}
