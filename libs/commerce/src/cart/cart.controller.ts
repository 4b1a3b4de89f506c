import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { cartOwner, setCartCookie } from './cart-cookie.js';
import { CartService } from './cart.service.js';
import { AddCartItemDto, UpdateCartItemDto } from '../commerce.dto.js';

/** The cart of the signed-in buyer, or of a guest (cookie); a guest cart joins the user's at sign-in. */
@ApiController('cart', 'commerce')
export class CartController {
  constructor(private readonly carts: CartService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The cart with today’s prices: { items: [{ id, productId, variantId?, quantity, unitPrice, sellerId }], subtotal }' })
  @ApiOkResponse({ description: 'The cart' })
  view(@Req() req: Request) {
    return this.carts.view(cartOwner(req));
  }

  @Post('items')
  @Public()
  @ApiOperation({ summary: 'Add a product (or a variant) to the cart; more than in stock → 409, product not for sale → 422' })
  @ApiCreatedResponse({ description: 'The added line and the cart' })
  async add(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: AddCartItemDto) {
    const { cart, item, guestCartId } = await this.carts.add(cartOwner(req), body);
    if (guestCartId) setCartCookie(req, res, guestCartId);
    return { ...item, cart };
  }

  @Patch('items/:id')
  @Public()
  @ApiOperation({ summary: 'Change the quantity of one of your cart lines' })
  @ApiOkResponse({ description: 'The cart' })
  @ApiNotFoundResponse({ description: 'Not a line of your cart' })
  update(@Req() req: Request, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCartItemDto) {
    return this.carts.update(cartOwner(req), id, body.quantity);
  }

  @Delete('items/:id')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of your cart lines' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Not a line of your cart' })
  async remove(@Req() req: Request, @Param('id', ParseUUIDPipe) id: string) {
    await this.carts.remove(cartOwner(req), id);
  }
}
