import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

export const API_PREFIX = 'api/v1';

/** A JSON API controller under /api/v1, grouped under `tag` in the OpenAPI document. */
export function ApiController(path: string, tag: string) {
  return applyDecorators(Controller(`${API_PREFIX}/${path}`.replace(/\/$/, '')), ApiTags(tag));
}
