import { Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Public } from '#libs/identity';
import { notFound, ViewService, type FieldError } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { ReviewFacts } from './review-facts.repository.js';
import { MAX_REVIEW_TEXT } from './reviews.dto.js';
import { ReviewsService } from './reviews.service.js';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
/** Errors a person can act on are shown on the form; anything else goes to the error page. */
const formProblem = (error: unknown): { status: number; detail: string; errors: FieldError[] } | undefined => {
  if (!(error instanceof HttpException) || ![409, 422].includes(error.getStatus())) return undefined;
  const body = error.getResponse() as { detail?: string; errors?: FieldError[] };
  return { status: error.getStatus(), detail: body.detail ?? '', errors: body.errors ?? [] };
};

/** Reviews without JavaScript: a product's reviews page with reply and report forms, and the buyer's review form. */
@Controller()
@ApiExcludeController()
export class ReviewPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly reviews: ReviewsService,
    private readonly facts: ReviewFacts,
    private readonly access: SellerAccess,
  ) {}

  @Get('products/:id/reviews')
  @Public()
  async list(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const product = await this.facts.publicProduct(id);
    if (!product) throw notFound('Product');
    const page = Math.min(10_000, Math.max(1, Number(req.query.page) || 1));
    const list = await this.reviews.listForProduct(id, { page, perPage: 20 });
    const manages = (await this.access.manageable(req.user, [product.sellerId])).has(product.sellerId);
    this.views.page(req, res, 'reviews/product-reviews', {
      product: { id, ...product },
      list,
      items: list.items.map((item) => ({ ...item, canReply: manages && !item.reply })),
      signedIn: !!req.user,
      notice: ['written', 'replied', 'reported'].find((key) => req.query[key] === '1'),
      prevPage: page > 1 ? page - 1 : undefined,
      nextPage: page * list.perPage < list.total ? page + 1 : undefined,
      titleKey: 'reviews.title',
    });
  }

  @Get('order-lines/:id/review')
  @Authenticated()
  async form(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const line = await this.reviews.reviewableLine(req.user!, id);
    this.views.page(req, res, 'reviews/write', { line, form: { rating: 5, language: req.lang ?? 'id' }, maxLength: MAX_REVIEW_TEXT, titleKey: 'reviews.write.title' });
  }

  @Post('order-lines/:id/review')
  @Authenticated()
  async write(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const line = await this.reviews.reviewableLine(req.user!, id);
    const form = { rating: Number(req.body?.rating), text: str(req.body?.text), language: req.body?.language === 'en' ? ('en' as const) : ('id' as const) };
    const errors: FieldError[] = [];
    if (!Number.isInteger(form.rating) || form.rating < 1 || form.rating > 5) errors.push({ field: 'rating', message: 'reviews.write.badRating' });
    if (form.text.length > MAX_REVIEW_TEXT) errors.push({ field: 'text', message: 'reviews.write.tooLong' });
    if (errors.length === 0) {
      try {
        await this.reviews.create(req.user!, id, form);
        return res.redirect(303, `/products/${line.productId}/reviews?written=1`);
      } catch (error) {
        const problem = formProblem(error);
        if (!problem) throw error;
        errors.push(...(problem.errors.length ? problem.errors.map((e) => ({ field: e.field, message: 'reviews.write.empty' })) : [{ field: 'form', message: 'reviews.write.already' }]));
      }
    }
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    this.views.page(req, res, 'reviews/write', { line, form, fieldErrors, maxLength: MAX_REVIEW_TEXT, titleKey: 'reviews.write.title' }, { status: 422 });
  }

  @Post('reviews/:id/reply')
  @Authenticated()
  async reply(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const { productId } = await this.reviews.reply(req.user!, id, str(req.body?.text).slice(0, MAX_REVIEW_TEXT));
    res.redirect(303, `/products/${productId}/reviews?replied=1`);
  }

  @Post('reviews/:id/report')
  @Authenticated()
  async report(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const reason = str(req.body?.reason).trim().slice(0, 1000) || '-';
    const { productId } = await this.reviews.report(req.user!, id, reason);
    res.redirect(303, `/products/${productId}/reviews?reported=1`);
  }
}
