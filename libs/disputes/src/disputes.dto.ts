import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '#libs/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const DISPUTE_REASONS = ['not_received', 'damaged', 'not_as_described', 'wrong_item', 'incomplete'] as const;
export const DISPUTE_REQUESTS = ['refund', 'partial_refund', 'return'] as const;
export const RESPONSE_ACTIONS = ['accept', 'reject', 'offer'] as const;
export const DECISION_OUTCOMES = ['refund', 'partial_refund', 'release'] as const;
export const MAX_DISPUTE_PHOTOS = 4;
export const MAX_DISPUTE_TEXT = 4000;

export class DisputeMoneyDto {
  @ApiProperty({ example: 5000000, description: 'Integer minor units: Rp 50.000 is 5000000' })
  @IsInt({ message: 'must be an integer of minor units (Rp 50.000 is 5000000)' })
  @Min(1, { message: 'must be positive' })
  @Max(1_000_000_000_000)
  amount: number;

  @ApiProperty({ enum: ['IDR'] })
  @IsIn(['IDR'], { message: 'must be IDR' })
  currency: 'IDR';
}

export class OpenDisputeDto {
  @ApiProperty({ enum: DISPUTE_REASONS })
  @IsIn(DISPUTE_REASONS)
  reason: (typeof DISPUTE_REASONS)[number];

  @ApiProperty({ maxLength: MAX_DISPUTE_TEXT, example: 'Kain sobek di bagian tepi.' })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_DISPUTE_TEXT)
  description: string;

  @ApiProperty({ enum: DISPUTE_REQUESTS, description: '`return`: the seller accepting it resolves as a full refund' })
  @IsIn(DISPUTE_REQUESTS)
  requested: (typeof DISPUTE_REQUESTS)[number];

  @ApiPropertyOptional({ type: DisputeMoneyDto, description: 'Required for partial_refund: less than the order total' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeMoneyDto)
  amount?: DisputeMoneyDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_DISPUTE_PHOTOS, description: 'Photos you uploaded (POST /dispute-photos)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DISPUTE_PHOTOS, { message: `must list at most ${MAX_DISPUTE_PHOTOS} photos` })
  @ArrayUnique({ message: 'must not list a photo twice' })
  @IsUUID('all', { each: true, message: 'must list photo ids (UUIDs)' })
  photoIds?: string[];
}

export class RespondDto {
  @ApiProperty({ enum: RESPONSE_ACTIONS })
  @IsIn(RESPONSE_ACTIONS)
  action: (typeof RESPONSE_ACTIONS)[number];

  @ApiPropertyOptional({ type: DisputeMoneyDto, description: 'Required for offer: the partial refund offered' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeMoneyDto)
  amount?: DisputeMoneyDto;

  @ApiProperty({ maxLength: MAX_DISPUTE_TEXT })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_DISPUTE_TEXT)
  message: string;
}

export class BuyerStepDto {
  @ApiPropertyOptional({ maxLength: MAX_DISPUTE_TEXT })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_DISPUTE_TEXT)
  message?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome: (typeof DECISION_OUTCOMES)[number];

  @ApiPropertyOptional({ type: DisputeMoneyDto, description: 'Required for partial_refund' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeMoneyDto)
  amount?: DisputeMoneyDto;

  @ApiProperty({ maxLength: 1000, description: 'Why; written to the audit log' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class DisputeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'rejected', 'offered', 'escalated', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'rejected', 'offered', 'escalated', 'resolved'])
  status?: 'open' | 'rejected' | 'offered' | 'escalated' | 'resolved';
}
