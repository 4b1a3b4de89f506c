import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { CART_COOKIE, clearCartCookie, guestCartId } from './cart-cookie.js';
import { CartService } from './cart.service.js';

/**
 * A guest who signs in keeps what they put in the cart: the first request that carries
 * both a signed-in user and the guest cart cookie moves the guest lines into the user's cart.
 */
@Injectable()
export class CartMergeInterceptor implements NestInterceptor {
  constructor(private readonly carts: CartService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const guest = guestCartId(req);
    if (!req.user || !guest) return next.handle();
    return from(this.carts.merge(guest, req.user.id)).pipe(
      switchMap(() => {
        clearCartCookie(context.switchToHttp().getResponse<Response>());
        delete req.cookies[CART_COOKIE];
        return next.handle();
      }),
    );
  }
}
