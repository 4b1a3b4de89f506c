import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { Problem, titleFor, type ProblemDetails } from './problem.js';

/** Renders an HTML error page for browsers; registered by the web app. */
export type HtmlErrorRenderer = (req: Request, res: Response, problem: ProblemDetails) => boolean;

function fromHttpException(error: HttpException): ProblemDetails {
  const status = error.getStatus();
  const body = error.getResponse();
  if (error instanceof Problem) return body as ProblemDetails;
  if (typeof body === 'object' && body !== null && 'type' in body && 'status' in body) return body as ProblemDetails;
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  return { type: 'about:blank', title: titleFor(status), status, detail };
}

/** Errors from body-parser, multer and friends carry a status; they are the client's fault. */
function fromClientError(error: { status?: number; statusCode?: number; type?: string; message: string; code?: string }): ProblemDetails | undefined {
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const detail = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : error.type === 'entity.too.large' ? 'The request body is too large' : error.message;
  return { type: 'about:blank', title: titleFor(status), status, detail };
}

/** Maps database errors that bad input can cause to 4xx, never 500. */
function fromQueryError(error: QueryFailedError & { code?: string; detail?: string }): ProblemDetails | undefined {
  switch (error.code) {
    case '22P02': // invalid_text_representation (a malformed uuid, enum…)
    case '22003': // numeric_value_out_of_range
    case '22001': // string_data_right_truncation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire (invalid UTF-8 / NUL)
    case '54000': // program_limit_exceeded
      return { type: 'about:blank', title: titleFor(400), status: 400, detail: 'A value in the request is not valid' };
    case '23505':
      return { type: 'about:blank', title: titleFor(409), status: 409, detail: 'This already exists' };
    case '23503':
      return { type: 'about:blank', title: titleFor(422), status: 422, detail: 'A referenced record does not exist' };
    default:
      return undefined;
  }
}

/** Seconds a refused client should wait: what the limiter computed (`retryAfterSeconds`), else a header already set, else a minute. */
function retryAfter(problem: ProblemDetails, res: Response): number | string {
  const seconds = problem.retryAfterSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  return (res.getHeader('Retry-After') as string | undefined) ?? 60;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly renderHtml?: HtmlErrorRenderer,
  ) {}

  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw error;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    let problem: ProblemDetails | undefined;
    if (error instanceof HttpException) problem = fromHttpException(error);
    else if (error instanceof QueryFailedError) problem = fromQueryError(error);
    else if (error && typeof error === 'object' && 'message' in error) problem = fromClientError(error as never);
    if (!problem) {
      this.logger.error({ reqId: req.id, err: error }, 'unhandled error');
      problem = { type: 'about:blank', title: titleFor(500), status: 500, detail: 'Something went wrong on our side; it has been logged.' };
    }
    problem = { ...problem, instance: req.originalUrl };
    if (res.headersSent) return;
    if (problem.status === 429) res.setHeader('Retry-After', String(retryAfter(problem, res)));
    if (this.renderHtml && this.renderHtml(req, res, problem)) return;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
