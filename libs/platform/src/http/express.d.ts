import 'express';

declare global {
  namespace Express {
    interface Request {
      id: string;
      /** Set by the identity guard when a token or session is valid. */
      user?: { id: string; email: string; name: string; roles: string[]; regency: string | null; cooperativeId: string | null; locale: string };
      /** How `user` was authenticated. */
      authKind?: 'token' | 'session';
      /** Page language chosen by ?lang, the cookie or the browser. */
      lang: 'id' | 'en';
    }
    interface Locals {
      /** Product ids a search showed; the reviews lib counts them as impressions once the response is sent. */
      searchImpressions?: string[];
    }
  }
}
