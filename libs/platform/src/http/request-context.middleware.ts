import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DoorRequest, RequestObserver } from './front-door.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (kept from X-Request-Id when sane), echoes it, and logs the request once it ends.
 * Only the path is logged: query strings carry search terms, tokens and `_csrf` values that logs must not keep.
 * An observer of the front door, so pages answered before the framework are logged too.
 */
export function requestContext(logger: Logger): RequestObserver {
  return (req, res) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (req as DoorRequest & { id: string }).id = id;
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      const user = (req as DoorRequest & { user?: { id: string } }).user;
      logger[level]({ reqId: id, method: req.method, path: (req.originalUrl ?? req.url ?? '').split('?', 1)[0], status: res.statusCode, ms: Math.round(ms * 10) / 10, userId: user?.id }, 'request');
    });
  };
}
