import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { invalid } from '#libs/platform';
import { addDays, witaDate } from './wita.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_RANGE_DAYS = 731;

export class DateRangeQuery {
  @ApiPropertyOptional({ format: 'date', description: 'First day (WITA), default 30 days before `to`', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (WITA), included; default today', example: '2026-06-30' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

export class AnalyticsQuery extends DateRangeQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class StatementQuery extends DateRangeQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'csv'], default: 'pdf' })
  @IsOptional()
  @IsIn(['pdf', 'csv'])
  format?: 'pdf' | 'csv';
}

export interface DateRange {
  from: string;
  to: string;
}

const isRealDate = (value: string) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Both ends checked: real dates, from ≤ to, at most two years apart (422 naming the field). */
export function resolveRange(query: DateRangeQuery, defaultDays = 30, now = new Date()): DateRange {
  const to = query.to ?? witaDate(now);
  const from = query.from ?? addDays(to, -(defaultDays - 1));
  if (!isRealDate(from)) throw invalid('from', 'is not a calendar date');
  if (!isRealDate(to)) throw invalid('to', 'is not a calendar date');
  if (from > to) throw invalid('from', 'must not be after to');
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) throw invalid('to', 'must be at most 2 years after from');
  return { from, to };
}
