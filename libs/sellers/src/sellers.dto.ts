import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, NotContains, ValidateIf, ValidateNested } from 'class-validator';
import { PageQuery, REGENCY_SLUGS } from '#libs/platform';
import { INVITATION_STATUSES, type InvitationStatus } from './cooperatives/cooperative-invitation.entity.js';
import { BUSINESS_FORMS, type BusinessForm } from './seller.entity.js';
import { DOCUMENT_TYPES, type DocumentType } from './documents/seller-document.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
/** Spaces, dashes and brackets are dropped; a local 08… number becomes +628…. */
const phone = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const compact = value.replace(/[\s().-]/g, '');
  return compact === '' ? null : compact.replace(/^0(?=8)/, '+62');
};
/** Present means validate, even when null (PATCH of a required column). */
const present = (_: object, value: unknown) => value !== undefined;

export const SLUG_PATTERN = /^[a-z0-9-]{3,60}$/;
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
const REGENCY_MESSAGE = `must be one of ${REGENCY_SLUGS.join(', ')}`;

export class StoryDto {
  @ApiProperty({ example: 'Keluarga kami menenun endek sejak 1970-an di Denpasar.' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: 'must be 1 to 5000 characters' })
  id: string;

  @ApiPropertyOptional({ example: 'Our family has woven endek in Denpasar since the 1970s.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  en?: string;
}

export class CreateSellerDto {
  @ApiProperty({ example: 'Tenun Endek Ni Made Sari' })
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'must be 1 to 120 characters' })
  name: string;

  @ApiPropertyOptional({ example: 'tenun-endek-sari', description: 'Generated from the name when absent' })
  @IsOptional()
  @Transform(lower)
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'must be 3 to 60 lowercase letters, digits or dashes' })
  @Matches(/^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/, { message: 'must not look like an id' })
  slug?: string;

  @ApiProperty({ enum: REGENCY_SLUGS, example: 'gianyar' })
  @IsIn(REGENCY_SLUGS, { message: REGENCY_MESSAGE })
  regency: string;

  @ApiPropertyOptional({ example: 'Sukawati', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  district?: string | null;

  @ApiPropertyOptional({ type: StoryDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StoryDto)
  story?: StoryDto | null;

  @ApiPropertyOptional({ example: '+6281234567890', description: 'E.164', nullable: true })
  @IsOptional()
  @Transform(phone)
  @IsString()
  @Matches(E164_PATTERN, { message: 'must be a phone number in E.164 form, e.g. +6281234567890' })
  whatsapp?: string | null;

  @ApiProperty({ enum: BUSINESS_FORMS })
  @IsIn(BUSINESS_FORMS, { message: `must be one of ${BUSINESS_FORMS.join(', ')}` })
  businessForm: BusinessForm;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  cooperativeId?: string | null;
}

/**
 * Every field optional; `suspended` and `verification` are not fields (curators and documents set
 * them), nor is the cooperative (invitations, joining and leaving have their own routes). `regency`
 * may only repeat the current one: a Dinas curator moves a seller.
 */
export class ShipFromDto {
  @ApiProperty({ example: 'Jl. Raya Sidemen No. 5' })
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  line1: string;

  @ApiPropertyOptional({ example: 'Sidemen' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  district?: string;

  @ApiProperty({ example: 'Karangasem' })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  city: string;

  @ApiProperty({ example: '80864' })
  @Transform(trim)
  @Matches(/^\d{5}$/, { message: 'must be an Indonesian postal code of 5 digits' })
  postalCode: string;

  @ApiProperty({ example: '+6281234567890' })
  @Transform(phone)
  @IsString({ message: 'must be a phone number in E.164 form, e.g. +6281234567890' })
  @Matches(E164_PATTERN, { message: 'must be a phone number in E.164 form, e.g. +6281234567890' })
  phone: string;
}

export class UpdateSellerDto {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'must be 1 to 120 characters' })
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(lower)
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'must be 3 to 60 lowercase letters, digits or dashes' })
  @Matches(/^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/, { message: 'must not look like an id' })
  slug?: string;

  @ApiPropertyOptional({ enum: REGENCY_SLUGS })
  @ValidateIf(present)
  @IsIn(REGENCY_SLUGS, { message: REGENCY_MESSAGE })
  regency?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  district?: string | null;

  @ApiPropertyOptional({ type: StoryDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StoryDto)
  story?: StoryDto | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(phone)
  @IsString()
  @Matches(E164_PATTERN, { message: 'must be a phone number in E.164 form, e.g. +6281234567890' })
  whatsapp?: string | null;

  @ApiPropertyOptional({ enum: BUSINESS_FORMS })
  @ValidateIf(present)
  @IsIn(BUSINESS_FORMS, { message: `must be one of ${BUSINESS_FORMS.join(', ')}` })
  businessForm?: BusinessForm;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "An image of this seller's media" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  logoImageId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "An image of this seller's media" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  bannerImageId?: string | null;

  @ApiPropertyOptional({ type: ShipFromDto, nullable: true, description: 'Where parcels leave from (courier rates and pickups)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShipFromDto)
  shipFrom?: ShipFromDto | null;
}

export class SellerListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGENCY_SLUGS })
  @IsOptional()
  @IsIn(REGENCY_SLUGS, { message: REGENCY_MESSAGE })
  regency?: string;
}

/** The seller directory page's query: the list's, plus the language switch every page link may carry. */
export class SellerDirectoryQuery extends SellerListQuery {
  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class CreateDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES, { message: `must be one of ${DOCUMENT_TYPES.join(', ')}` })
  type: DocumentType;

  @ApiProperty({ example: '9120001234567' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./ -]{0,63}$/, { message: 'must be 1 to 64 letters, digits, dots, dashes or slashes' })
  number: string;

  @ApiPropertyOptional({ format: 'date', example: '2024-03-01' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  issuedAt?: string;

  @ApiPropertyOptional({ format: 'date', example: '2029-03-01' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  expiresAt?: string;
}

export class CreateCooperativeDto {
  @ApiProperty({ example: 'Koperasi Tenun Sidemen' })
  @Transform(trim)
  @IsString()
  @Length(1, 160, { message: 'must be 1 to 160 characters' })
  name: string;

  @ApiProperty({ enum: REGENCY_SLUGS })
  @IsIn(REGENCY_SLUGS, { message: REGENCY_MESSAGE })
  regency: string;

  @ApiProperty({ example: '518/BH/XXVII.2/2019', description: 'Badan hukum registration number' })
  @Transform(trim)
  @IsString()
  @Length(3, 80, { message: 'must be 3 to 80 characters' })
  @NotContains('\n')
  registrationNumber: string;
}

/** The seller a cooperative invites, or its owner joins. */
export class SellerIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  sellerId: string;
}

export class InvitationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES, { message: `must be one of ${INVITATION_STATUSES.join(', ')}` })
  status?: InvitationStatus;
}
