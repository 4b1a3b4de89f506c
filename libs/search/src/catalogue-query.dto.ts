import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery, REGENCY_SLUGS } from '#libs/platform';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type Sort = (typeof SORTS)[number];
export const CERTIFICATIONS = ['NIB', 'NPWP', 'SPP_IRT', 'BPOM_MD', 'BPOM_NA', 'HALAL', 'SNI', 'SVLK', 'PIRT'] as const;

/** The query parameters of `/search` (besides `lang`): its page is stored per set of them (PublicPages). */
export const SEARCH_PAGE_QUERY = ['q', 'category', 'regency', 'material', 'certification', 'exportReady', 'minPrice', 'maxPrice', 'sort', 'currency', 'page', 'perPage'] as const;

/** Meilisearch reads only the first words of a query; a longer one is cut, not refused. */
export const MAX_QUERY_CHARS = 256;

/** `?material=a&material=b` and `?material=a` both become a list. */
const list = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Array.isArray(value) ? value : [value]);
/** Whole numbers from the query string; an empty form field means "not set". */
const integer = ({ value }: { value: unknown }) => (value === '' ? undefined : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value);
const bool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

/** GET /catalogue (API.md "Search"). Several values of one facet match any of them; different facets all apply. */
export class CatalogueQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words to search; typos are tolerated', maxLength: MAX_QUERY_CHARS })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.slice(0, MAX_QUERY_CHARS) : value))
  q?: string;

  @ApiPropertyOptional({ type: [String], description: 'Category slug (its subcategories are included)' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9-]{1,64}$/, { each: true, message: 'must be a category slug' })
  category?: string[];

  @ApiPropertyOptional({ type: [String], enum: REGENCY_SLUGS })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(9)
  @IsIn(REGENCY_SLUGS, { each: true, message: 'must be a regency of Bali' })
  regency?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Material, as listed in the facets' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  material?: string[];

  @ApiPropertyOptional({ type: [String], enum: CERTIFICATIONS, description: 'Approved document of the seller' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(CERTIFICATIONS.length)
  @IsIn(CERTIFICATIONS, { each: true, message: `must be one of ${CERTIFICATIONS.join(', ')}` })
  certification?: string[];

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  exportReady?: boolean;

  @ApiPropertyOptional({ description: 'Lowest price, IDR minor units (Rp 150.000 = 15000000)' })
  @IsOptional()
  @Transform(integer)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest price, IDR minor units' })
  @IsOptional()
  @Transform(integer)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxPrice?: number;

  @ApiPropertyOptional({ enum: SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SORTS, { message: `must be one of ${SORTS.join(', ')}` })
  sort: Sort = 'relevance';

  @ApiPropertyOptional({ enum: ['id', 'en'], description: 'Language of the titles (default: the request language)' })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';

  @ApiPropertyOptional({ description: 'Also show prices in this currency (see GET /exchange-rates)', example: 'USD' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{3}$/, { message: 'must be a currency code such as USD' })
  currency?: string;
}
