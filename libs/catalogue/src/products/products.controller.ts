import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, notFound } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { CreateProductDto, ProductListQuery, StockAdjustmentDto, UpdateProductDto } from './product.dto.js';
import { ProductsService } from './products.service.js';

@ApiController('', 'catalogue')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly sellers: SellersService,
  ) {}

  @Post('sellers/:sellerId/products')
  @Authenticated()
  @ApiOperation({ summary: "Add a product to a seller's catalogue (its owner or cooperative admin)" })
  @ApiCreatedResponse({ description: 'The product' })
  create(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Body() body: CreateProductDto, @CurrentUser() user: SignedInUser) {
    return this.products.create(user, sellerId, body);
  }

  @Get('sellers/:sellerId/products')
  @Public()
  @ApiOperation({ summary: "A seller's products, newest first: active ones for everyone, every status (or ?status) for its managers" })
  @ApiOkResponse({ description: '{ items, total, page, perPage }' })
  async list(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Query() query: ProductListQuery, @CurrentUser() user?: SignedInUser) {
    if (!(await this.sellers.findById(sellerId))) throw notFound('Seller');
    return this.products.listForSeller(user, sellerId, query);
  }

  @Get('products/:id')
  @Public()
  @ApiOperation({ summary: 'A product: active ones are public, drafts and archived ones only for the seller' })
  @ApiOkResponse({ description: 'The product' })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user?: SignedInUser) {
    return this.products.findVisible(user, id);
  }

  @Patch('products/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Change a product; `variants` replaces the set (matched by SKU), `images` the image list' })
  @ApiOkResponse({ description: 'The product' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateProductDto, @CurrentUser() user: SignedInUser) {
    return this.products.update(user, id, body);
  }

  @Post('products/:id/stock-adjustments')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or take out stock (a count, new goods, damage); written to the stock ledger; 409 if it would go below zero' })
  @ApiOkResponse({ description: '{ productId, variantId?, stock, variantStock? }' })
  adjustStock(@Param('id', ParseUUIDPipe) id: string, @Body() body: StockAdjustmentDto, @CurrentUser() user: SignedInUser) {
    return this.products.adjustStock(user, id, body);
  }

  @Delete('products/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a product (orders keep it)' })
  @ApiNoContentResponse()
  async archive(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SignedInUser) {
    await this.products.archive(user, id);
  }
}
