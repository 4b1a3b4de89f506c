import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery, REGENCY_SLUGS } from '#libs/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const REASON = 'must be 1 to 1000 characters';

export class DocumentDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'must be approve or reject' })
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Required to reject; the seller sees it', example: 'Nomor NIB tidak cocok dengan nama usaha.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Produk tidak sesuai dengan izin edar.' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000, { message: REASON })
  reason: string;
}

export class RegencyChangeDto {
  @ApiProperty({ enum: REGENCY_SLUGS, example: 'klungkung' })
  @IsIn(REGENCY_SLUGS, { message: `must be one of ${REGENCY_SLUGS.join(', ')}` })
  regency: string;

  @ApiProperty({ example: 'Usaha pindah ke Semarapura; dicek dengan NIB.' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000, { message: REASON })
  reason: string;
}

export class KurasiScoresDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'Legalitas usaha dan produk' })
  @IsInt()
  @Min(1)
  @Max(5)
  legality: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Mutu produk' })
  @IsInt()
  @Min(1)
  @Max(5)
  productQuality: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Kemasan dan label' })
  @IsInt()
  @Min(1)
  @Max(5)
  packagingLabelling: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Kapasitas dan kontinuitas produksi' })
  @IsInt()
  @Min(1)
  @Max(5)
  capacityContinuity: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Jangkauan pasar' })
  @IsInt()
  @Min(1)
  @Max(5)
  marketReach: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Keunikan dan kearifan lokal' })
  @IsInt()
  @Min(1)
  @Max(5)
  uniqueness: number;
}

export class FeedbackDto {
  @ApiProperty({ example: 'Label perlu mencantumkan berat bersih dan tanggal kedaluwarsa.' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: 'must be 1 to 5000 characters' })
  id: string;

  @ApiPropertyOptional({ example: 'Labels need the net weight and a best-before date.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  en?: string;
}

export class CreateAssessmentDto {
  @ApiProperty({ type: KurasiScoresDto })
  @ValidateNested()
  @Type(() => KurasiScoresDto)
  scores: KurasiScoresDto;

  @ApiProperty({ type: FeedbackDto, description: 'Bilingual text, or a plain string (Indonesian)' })
  // A plain string is Indonesian text.
  @Transform(({ value }) => (typeof value === 'string' ? plainToInstance(FeedbackDto, { id: value }) : value && typeof value === 'object' ? plainToInstance(FeedbackDto, value) : value))
  @IsObject({ message: 'must be text, or { id, en }' })
  @ValidateNested()
  feedback: FeedbackDto;
}

export class CreateFeaturedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a seller id' })
  sellerId: string;

  @ApiPropertyOptional({ example: 'Tenun Klungkung' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 80, { message: 'must be 1 to 80 characters' })
  collection?: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsDateString({ strict: true }, { message: 'must be an ISO 8601 date and time' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-31T23:59:59Z', description: 'After startsAt' })
  @IsDateString({ strict: true }, { message: 'must be an ISO 8601 date and time' })
  endsAt: string;

  @ApiPropertyOptional({ example: 'Tenun ikat pilihan untuk Pesta Kesenian Bali.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'document.approve' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  action?: string;

  @ApiPropertyOptional({ example: 'seller_document' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  subjectType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30T23:59:59Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class DashboardQuery {
  @ApiPropertyOptional({ enum: REGENCY_SLUGS, description: 'One regency; a regency curator may ask only for their own' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{1,20}$/, { message: `must be one of ${REGENCY_SLUGS.join(', ')}` })
  regency?: string;
}
