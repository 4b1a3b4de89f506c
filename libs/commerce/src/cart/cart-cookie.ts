import type { Request, Response } from 'express';
import type { CartOwner } from './cart.service.js';

/** A guest's cart id, HttpOnly so page scripts never see it. */
export const CART_COOKIE = 'pk_cart';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function guestCartId(req: Request): string | undefined {
  const value = req.cookies?.[CART_COOKIE];
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

/** The signed-in user's cart, else the guest cart of the cookie. */
export function cartOwner(req: Request): CartOwner {
  if (req.user) return { userId: req.user.id, user: req.user };
  const guest = guestCartId(req);
  return guest ? { guestCartId: guest } : {};
}

export function setCartCookie(req: Request, res: Response, cartId: string): void {
  const secure = req.secure || req.protocol === 'https';
  res.cookie(CART_COOKIE, cartId, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 30 * 86_400_000 });
}

export function clearCartCookie(res: Response): void {
  res.clearCookie(CART_COOKIE, { path: '/' });
}
