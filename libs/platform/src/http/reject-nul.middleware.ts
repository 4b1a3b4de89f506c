import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problem.js';

/** Finds the first string holding a NUL character (PostgreSQL text cannot store one). */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findNul(child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Refuses NUL characters in bodies and query strings with a 400 naming the field. */
export function rejectNulBytes(req: Request, _res: Response, next: NextFunction) {
  const field = findNul(req.body, '') ?? findNul(req.query, '');
  if (field) return next(new Problem(400, `${field}: contains a NUL character`, { errors: [{ field, message: 'contains a NUL character' }] }));
  next();
}
