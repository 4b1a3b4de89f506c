import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problem.js';

/**
 * No form or JSON field may be longer than the longest text a DTO accepts (a product
 * description, 20,000 characters). Checked before any handler, so no pattern or parser
 * downstream ever runs over a megabyte of hostile text.
 */
export const MAX_FIELD_LENGTH = 20_000;

function findLong(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.length > MAX_FIELD_LENGTH ? path || 'body' : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findLong(child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** 422 naming the first field over MAX_FIELD_LENGTH, in the body or the query string. */
export function limitFieldLength(req: Request, _res: Response, next: NextFunction) {
  const field = findLong(req.body, '') ?? findLong(req.query, '');
  if (!field) return next();
  const message = `must be at most ${MAX_FIELD_LENGTH} characters`;
  next(new Problem(422, `${field}: ${message}`, { errors: [{ field, message }] }));
}
