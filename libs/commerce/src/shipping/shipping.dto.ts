import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MAX_LINE_QUANTITY } from '../cart/cart.service.js';
import { IdrDto } from '../commerce.dto.js';
import { ZONE_SERVICES, type ZoneService } from './shipping-services.js';
import { SHIPPING_ZONES, type ShippingZone } from './shipping-zones.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class RateItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a variant id' })
  variantId?: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export class DestinationDto {
  @ApiProperty({ example: 'ID', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. ID' })
  country: string;

  @ApiProperty({ example: '10110' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{3,12}$/, { message: 'must be a postal code (3 to 12 letters or digits)' })
  postalCode: string;
}

export class ShippingRatesRequestDto {
  @ApiProperty({ type: [RateItemDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one item' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RateItemDto)
  items: RateItemDto[];

  @ApiProperty({ type: DestinationDto })
  @ValidateNested()
  @Type(() => DestinationDto)
  destination: DestinationDto;
}

export class EtaDaysDto {
  @ApiProperty({ minimum: 0, maximum: 120 })
  @IsInt()
  @Min(0)
  @Max(120)
  min: number;

  @ApiProperty({ minimum: 0, maximum: 120 })
  @IsInt()
  @Min(0)
  @Max(120)
  max: number;
}

export class ZoneRateDto {
  @ApiProperty({ enum: SHIPPING_ZONES })
  @IsIn(SHIPPING_ZONES, { message: `must be one of ${SHIPPING_ZONES.join(', ')}` })
  zone: ShippingZone;

  @ApiProperty({ enum: ZONE_SERVICES, description: 'reguler, kilat, kargo at home; ems, express abroad' })
  @IsIn(ZONE_SERVICES, { message: `must be one of ${ZONE_SERVICES.join(', ')}` })
  service: ZoneService;

  @ApiProperty({ type: IdrDto, description: 'A parcel up to 1 kg' })
  @ValidateNested()
  @Type(() => IdrDto)
  firstKg: IdrDto;

  @ApiProperty({ type: IdrDto, description: 'Each further started kilogram' })
  @ValidateNested()
  @Type(() => IdrDto)
  perKg: IdrDto;

  @ApiPropertyOptional({ type: EtaDaysDto, description: 'Days it takes; default the usual days to that zone' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EtaDaysDto)
  etaDays?: EtaDaysDto;
}

export class ZoneTableDto {
  @ApiProperty({ type: [ZoneRateDto], description: 'The whole table (an empty list: the platform’s rates)' })
  @IsArray()
  @ArrayMaxSize(SHIPPING_ZONES.length * ZONE_SERVICES.length)
  @ValidateNested({ each: true })
  @Type(() => ZoneRateDto)
  rates: ZoneRateDto[];
}

export class ShipmentDto {
  @ApiPropertyOptional({ example: 'jne', description: 'Default: the courier the buyer chose at checkout' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  courier?: string;

  @ApiPropertyOptional({ example: 'reg', description: "The courier's service code; default the buyer's choice" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  service?: string;
}
