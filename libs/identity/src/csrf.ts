import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE } from './session-cookie.js';

const ANON_COOKIE = 'pk_anon';
const CSRF_COOKIE = 'pk_csrf';

/**
 * CSRF protection for cookie-authenticated forms (csrf-csrf, signed double submit tied to
 * the session). Requests with a bearer token or a JSON body are exempt: browsers cannot
 * send either cross-site without a CORS preflight, which this server never grants. Page
 * forms (sign-in included) always need the token.
 */
/**
 * Whether the browser says the request comes from a page of this site: Sec-Fetch-Site, which no
 * page can set; where a browser predates it (Safari before 16.4), the Origin it sends with every
 * form post, against the Host it addressed.
 */
function sentFromThisSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function createCsrf(secret: string, secure: boolean) {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => String(req.cookies?.[SESSION_COOKIE] ?? req.cookies?.[ANON_COOKIE] ?? ''),
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const value = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'] ?? req.query?._csrf;
      return typeof value === 'string' ? value : undefined;
    },
    skipCsrfProtection: (req) =>
      /^Bearer\s/i.test(req.headers.authorization ?? '') ||
      !!req.is('application/json') ||
      // An API call carrying none of our cookies has no ambient authority to abuse.
      (req.path.startsWith('/api/') && !Object.keys(req.cookies ?? {}).some((name) => name.startsWith('pk_'))) ||
      // Public pages stored for every visitor without a session (PublicPages) carry no token: such a
      // visitor's form sent from this site, as the browser vouches, is no forgery.
      (!req.cookies?.[SESSION_COOKIE] && sentFromThisSite(req)),
  });

  /** Checks the token, then removes `_csrf` so DTO validation never sees it. */
  const protect = (req: Request, res: Response, next: NextFunction) =>
    doubleCsrfProtection(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
      next();
    });

  /** A token for the page being rendered; gives an anonymous visitor an id to bind it to. */
  const tokenFor = (req: Request, res: Response): string => {
    if (!req.cookies?.[SESSION_COOKIE] && !req.cookies?.[ANON_COOKIE]) {
      const id = randomBytes(16).toString('base64url');
      res.cookie(ANON_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
      req.cookies = { ...(req.cookies ?? {}), [ANON_COOKIE]: id };
    }
    try {
      // Reuse the cookie's token so several open tabs keep working…
      return generateCsrfToken(req, res, { overwrite: false, validateOnReuse: true });
    } catch {
      // …unless it belongs to an earlier session (signed in or out since).
      return generateCsrfToken(req, res, { overwrite: true });
    }
  };
  return { protect, tokenFor };
}
