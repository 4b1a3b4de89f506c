import type { Request, Response } from 'express';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Lang } from '../i18n/i18n.js';

/** A rendered page, ready to send as it is: encoded and compressed once, not on every request. */
export interface CachedPage {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Encodes `html` with its gzip and Brotli forms (about a quarter of the size over a phone's connection). */
export function compressPage(html: string, etag: string): CachedPage {
  const identity = Buffer.from(html, 'utf8');
  return {
    etag,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  };
}

/**
 * Sends a stored page as it is: validators for a CDN and the browser (a returning visitor gets a
 * body-less 304 while nothing changed) and the smallest encoding the client takes. One place for
 * the framework's routes and the edges before them, so both answer byte for byte alike.
 */
export function sendCachedPage(req: Request, res: Response, page: CachedPage, lang: Lang): void {
  res.type('html').setHeader('Content-Language', lang);
  // A response that also sets a cookie (a `?lang=` remembered) is this visitor's: no shared cache keeps it.
  res.setHeader('Cache-Control', `${res.getHeader('Set-Cookie') ? 'private' : 'public'}, max-age=0, must-revalidate`);
  // The language comes from the query, the `lang` cookie or Accept-Language; a session or cart cookie means another page.
  res.setHeader('Vary', 'Accept-Language, Accept-Encoding, Cookie');
  res.setHeader('ETag', page.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding);
  res.send(encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity);
}

/**
 * Sends a page made for this visitor alone: no shared cache keeps it, and it is compressed at the
 * fastest levels (a few tenths of a millisecond, against several at the stored pages' levels).
 */
export function sendPersonalPage(req: Request, res: Response, html: string, lang: Lang): void {
  res.type('html').setHeader('Content-Language', lang);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Language, Accept-Encoding, Cookie');
  const identity = Buffer.from(html, 'utf8');
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding);
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } })
      : encoding === 'gzip'
        ? gzipSync(identity, { level: 1 })
        : identity;
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
