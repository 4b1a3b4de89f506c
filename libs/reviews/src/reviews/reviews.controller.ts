import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery, RateLimit } from '#libs/platform';
import { CreateReviewDto, ReplyDto, ReportDto, ReviewDecisionDto } from './reviews.dto.js';
import { ReviewsService } from './reviews.service.js';

@ApiController('', 'reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('order-lines/:id/review')
  @Authenticated()
  @RateLimit('review')
  @ApiOperation({ summary: 'Review a product you bought: the buyer of a completed order line, once per line, with up to 4 photos uploaded first' })
  @ApiCreatedResponse({ description: '{ id }' })
  @ApiForbiddenResponse({ description: 'Not the buyer, or the order is not completed' })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid; `photoIds` lists more than 4 photos, or photos you did not upload or already used' })
  @ApiConflictResponse({ description: 'This order line is already reviewed' })
  create(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateReviewDto) {
    return this.reviews.create(user, id, body);
  }

  @Get('products/:id/reviews')
  @Public()
  @ApiOperation({ summary: 'Visible reviews of a product, newest first, with their average and count' })
  @ApiOkResponse({ description: '{ items: [{ id, rating, text, language, reply?, photos?: [{ url, srcset, width, height }], createdAt }], total, page, perPage, average, count }' })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery) {
    return this.reviews.listForProduct(id, query);
  }

  @Post('reviews/:id/reply')
  @Authenticated()
  @RateLimit('review')
  @ApiOperation({ summary: 'The seller’s one public reply to a review of its product' })
  @ApiCreatedResponse({ description: '{ id }' })
  @ApiConflictResponse({ description: 'Already replied' })
  async reply(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReplyDto) {
    return { id: (await this.reviews.reply(user, id, body.text)).id };
  }

  @Post('reviews/:id/report')
  @Authenticated()
  @RateLimit('review')
  @ApiOperation({ summary: 'Report a review to the curators' })
  @ApiCreatedResponse({ description: '{ id }' })
  async report(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReportDto) {
    return { id: (await this.reviews.report(user, id, body.reason)).id };
  }

  @Get('curation/reviews/reported')
  @Authenticated('curator', 'admin')
  @ApiOperation({ summary: 'Reviews with open reports in your curation scope, most reported first' })
  @ApiOkResponse({ description: '{ items: [{ id, productId, sellerId, rating, text, language, hidden, reports, reasons }], total, page, perPage }' })
  reported(@CurrentUser() user: SignedInUser, @Query() query: PageQuery) {
    return this.reviews.reported(user, query);
  }

  @Post('curation/reviews/:id/decision')
  @Authenticated('curator', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide or restore a review (curator in scope of the product’s seller); written to the audit log' })
  @ApiOkResponse({ description: 'The review with `hidden`' })
  decide(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReviewDecisionDto) {
    return this.reviews.decide(user, id, body);
  }
}
