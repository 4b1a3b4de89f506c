import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { REVIEW_LANGUAGES, type ReviewLanguage } from './review.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const MAX_REVIEW_TEXT = 2000;
export const MAX_REVIEW_PHOTOS = 4;

export class CreateReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1)
  @Max(5)
  rating: number;

  @ApiProperty({ maxLength: MAX_REVIEW_TEXT, description: 'Plain text; any HTML tags are removed', example: 'Tenunannya rapi dan warnanya indah.' })
  @IsString()
  @MaxLength(MAX_REVIEW_TEXT)
  text: string;

  @ApiPropertyOptional({ enum: REVIEW_LANGUAGES, default: 'id', description: 'The language the review is written in' })
  @IsOptional()
  @IsIn(REVIEW_LANGUAGES)
  language?: ReviewLanguage;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_REVIEW_PHOTOS,
    description: 'Photos you uploaded with `POST /review-photos`, in the order to show them; each may belong to one review only',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REVIEW_PHOTOS, { message: `must list at most ${MAX_REVIEW_PHOTOS} photos` })
  @ArrayUnique({ message: 'must not list a photo twice' })
  @IsUUID('all', { each: true, message: 'must list photo ids (UUIDs)' })
  photoIds?: string[];
}

export class ReplyDto {
  @ApiProperty({ maxLength: MAX_REVIEW_TEXT, description: 'Plain text; any HTML tags are removed', example: 'Terima kasih atas ulasannya!' })
  @IsString()
  @MaxLength(MAX_REVIEW_TEXT)
  text: string;
}

export class ReportDto {
  @ApiProperty({ maxLength: 1000, example: 'Berisi iklan toko lain' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export const DECISIONS = ['hide', 'restore'] as const;
export type Decision = (typeof DECISIONS)[number];

export class ReviewDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty({ maxLength: 1000, description: 'Why; written to the audit log', example: 'Ulasan berisi data pribadi pembeli lain' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason: string;
}
