import type { IncomingMessage, ServerResponse } from 'node:http';
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
 * body-less 304 while nothing changed), how long a CDN may keep it (`cdnMaxAge` seconds) and the
 * smallest encoding the client takes. Node's own
 * request and response, so the edges before the framework and the framework's routes answer byte
 * for byte alike.
 */
export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, lang: Lang, cdnMaxAge = 0): void {
  pageHeaders(res, lang);
  // A response that also sets a cookie (a `?lang=` remembered) is this visitor's: no shared cache keeps it.
  // Browsers revalidate every time (a 304 while unchanged); a CDN in front may keep it CDN_MAX_AGE seconds, purged on change.
  const shared = res.getHeader('Set-Cookie') ? 'private' : cdnMaxAge > 0 ? `public, s-maxage=${cdnMaxAge}` : 'public';
  res.setHeader('Cache-Control', `${shared}, max-age=0, must-revalidate`);
  res.setHeader('ETag', page.etag);
  if (notModified(req, page.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = encodingFor(req);
  send(res, encoding, encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity);
}

/**
 * Sends a page made for this visitor alone: no shared cache keeps it, and it is compressed at the
 * fastest levels (a few tenths of a millisecond, against several at the stored pages' levels).
 */
export function sendPersonalPage(req: IncomingMessage, res: ServerResponse, html: string, lang: Lang): void {
  pageHeaders(res, lang);
  res.setHeader('Cache-Control', 'private, no-cache');
  const identity = Buffer.from(html, 'utf8');
  const encoding = encodingFor(req);
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } })
      : encoding === 'gzip'
        ? gzipSync(identity, { level: 1 })
        : identity;
  send(res, encoding, body);
}

function pageHeaders(res: ServerResponse, lang: Lang): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Language', lang);
  // The language comes from the query, the `lang` cookie or Accept-Language; a session cookie means another page.
  res.setHeader('Vary', 'Accept-Language, Accept-Encoding, Cookie');
}

function send(res: ServerResponse, encoding: 'br' | 'gzip' | 'identity', body: Buffer): void {
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** The client holds this version (If-None-Match, weak comparison) and did not ask for a reload. */
function notModified(req: IncomingMessage, etag: string): boolean {
  const held = req.headers['if-none-match'];
  if (!held || /(?:^|,)\s*no-cache\s*(?:,|$)/.test(req.headers['cache-control'] ?? '')) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return held.trim() === '*' || held.split(',').some((tag) => weak(tag) === weak(etag));
}

/** Brotli, else gzip, as Accept-Encoding allows (a `;q=0` refuses one); else none. */
function encodingFor(req: IncomingMessage): 'br' | 'gzip' | 'identity' {
  const header = (req.headers['accept-encoding'] ?? '').slice(0, 500).toLowerCase();
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : 'identity';
}
