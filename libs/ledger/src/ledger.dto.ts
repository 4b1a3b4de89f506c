import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import { invalid, PageQuery } from '#libs/platform';
import { MAX_COMMISSION_BPS, MAX_COOPERATIVE_FEE_BPS } from './settlement-rules.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LedgerQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date', description: 'First day (WITA, UTC+8), included', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (WITA, UTC+8), included', example: '2026-06-30' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

/** `from`/`to` days in Bali's time as an instant range [from, to + 1 day). */
export function ledgerRange(query: LedgerQuery): { from: Date | null; to: Date | null } {
  const day = (value: string, field: string) => {
    const at = new Date(`${value}T00:00:00+08:00`);
    if (Number.isNaN(at.getTime()) || new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) !== value) throw invalid(field, 'is not a calendar date');
    return at;
  };
  const from = query.from ? day(query.from, 'from') : null;
  const to = query.to ? new Date(day(query.to, 'to').getTime() + 86_400_000) : null;
  if (from && to && from >= to) throw invalid('from', 'must not be after to');
  return { from, to };
}

export class CommissionRatesDto {
  @ApiProperty({ example: 500, description: 'The platform’s default commission in basis points (500 = 5 %)', minimum: 0, maximum: MAX_COMMISSION_BPS })
  @IsInt()
  @Min(0)
  @Max(MAX_COMMISSION_BPS)
  defaultBps: number;

  @ApiPropertyOptional({
    example: { endek: 700, perak: 400 },
    description: 'Category slug → basis points; given, it replaces every category rate ({} clears them). A category without a rate takes its nearest ancestor’s, else the default.',
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0, maximum: MAX_COMMISSION_BPS },
  })
  @IsOptional()
  @IsObject()
  categoryBps?: Record<string, number>;
}

export class CooperativeFeeDto {
  @ApiProperty({ example: 200, description: 'The share of a member seller’s sales the cooperative keeps, in basis points (200 = 2 %)', minimum: 0, maximum: MAX_COOPERATIVE_FEE_BPS })
  @IsInt()
  @Min(0)
  @Max(MAX_COOPERATIVE_FEE_BPS)
  memberFeeBps: number;
}
