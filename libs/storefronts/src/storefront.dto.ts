import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';

/** The draft; `settings` and `sections` are checked against the theme's schema by StorefrontValidator. */
export class StorefrontDocumentDto {
  @ApiProperty({ example: 'warm-craft', description: 'a theme key from GET /storefront-themes' })
  @IsString()
  theme: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { primaryColor: '#9a3412' } })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiProperty({
    type: 'array',
    maxItems: 20,
    items: { type: 'object', additionalProperties: true },
    example: [{ id: 'hero', type: 'hero', settings: { heading: { id: 'Tenun ikat Sidemen', en: 'Sidemen ikat weaving' } } }],
    description: '[{ id ^[a-z0-9_-]{1,40}$, type, settings, blocks?: [{ type, settings }] }]',
  })
  @IsArray()
  sections: unknown[];
}

export class RollbackDto {
  @ApiProperty({ minimum: 1, description: 'the published version to republish' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;
}
