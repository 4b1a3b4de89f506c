import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * Throw this from any layer to answer with a problem: `new Problem(409, 'Not enough stock for …', { errors })`.
 * `type` defaults to `about:blank` semantics with a readable slug.
 */
export class Problem extends HttpException {
  constructor(status: number, detail: string, extra: Partial<ProblemDetails> = {}) {
    super(
      {
        type: extra.type ?? `https://pasarkerthi.id/problems/${titleFor(status).toLowerCase().replace(/\s+/g, '-')}`,
        title: extra.title ?? titleFor(status),
        status,
        detail,
        ...extra,
      } satisfies ProblemDetails,
      status,
    );
  }
}

/** 422 naming the fields: `invalid('price.amount', 'must be an integer')`. */
export function invalid(field: string, message: string, more: FieldError[] = []): Problem {
  const errors = [{ field, message }, ...more];
  return new Problem(422, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

export const notFound = (what: string) => new Problem(404, `${what} not found`);
export const forbidden = (why = 'You may not do this') => new Problem(403, why);
export const conflict = (why: string, extra: Partial<ProblemDetails> = {}) => new Problem(409, why, extra);
