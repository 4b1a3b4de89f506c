import { Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MediaService } from '#libs/catalogue';
import { Authenticated, Public } from '#libs/identity';
import { notFound, RateLimit, ViewService, type FieldError } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { ReviewFacts } from './review-facts.repository.js';
import { ReviewFormPhotos, photosRefused } from './review-form-photos.interceptor.js';
import { MAX_REVIEW_TEXT } from './reviews.dto.js';
import { ReviewsService } from './reviews.service.js';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
/** Errors a person can act on are shown on the form; anything else goes to the error page. */
const formProblem = (error: unknown): { status: number; detail: string; errors: FieldError[] } | undefined => {
  if (!(error instanceof HttpException) || ![409, 422].includes(error.getStatus())) return undefined;
  const body = error.getResponse() as { detail?: string; errors?: FieldError[] };
  return { status: error.getStatus(), detail: body.detail ?? '', errors: body.errors ?? [] };
};
/** The form's own wording for a refused review: photos, text, or already reviewed. */
const formErrors = (errors: FieldError[]): FieldError[] =>
  errors.length
    ? errors.map((e) => (['file', 'photoIds'].includes(e.field) ? { field: 'photos', message: 'reviews.write.badPhoto' } : { field: e.field, message: 'reviews.write.empty' }))
    : [{ field: 'form', message: 'reviews.write.already' }];

/** Reviews without JavaScript: a product's reviews page with reply and report forms, a seller's reviews, and the buyer's review form. */
@Controller()
@ApiExcludeController()
export class ReviewPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly reviews: ReviewsService,
    private readonly facts: ReviewFacts,
    private readonly access: SellerAccess,
    private readonly media: MediaService,
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

  /** Every visible review of a seller's products, linked from its storefront's rating. */
  @Get('sellers/:id/reviews')
  @Public()
  async forSeller(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const seller = await this.facts.publicSeller(id);
    if (!seller) throw notFound('Seller');
    const page = Math.min(10_000, Math.max(1, Number(req.query.page) || 1));
    const [list, summary] = await Promise.all([this.reviews.listForSeller(id, { page, perPage: 20 }), this.reviews.sellerSummary(id)]);
    const titles = await this.facts.productTitles([...new Set(list.items.map((item) => item.productId))]);
    this.views.page(req, res, 'reviews/seller-reviews', {
      seller,
      summary,
      items: list.items.map((item) => ({ ...item, product: { id: item.productId, title: titles.get(item.productId) } })),
      prevPage: page > 1 ? page - 1 : undefined,
      nextPage: page * list.perPage < list.total ? page + 1 : undefined,
      title: seller.name,
      titleKey: 'reviews.title',
    });
  }

  @Get('order-lines/:id/review')
  @Authenticated()
  async form(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const line = await this.reviews.reviewableLine(req.user!, id);
    this.views.page(req, res, 'reviews/write', { line, form: { rating: 5, language: req.lang ?? 'id' }, maxLength: MAX_REVIEW_TEXT, titleKey: 'reviews.write.title' });
  }

  /** The form posts multipart (photos) with the CSRF token in the query, as multipart bodies are read after the check. */
  @Post('order-lines/:id/review')
  @Authenticated()
  @RateLimit('review')
  @UseInterceptors(ReviewFormPhotos)
  async write(@Param('id', ParseUUIDPipe) id: string, @UploadedFiles() files: Express.Multer.File[] | undefined, @Req() req: Request, @Res() res: Response) {
    const line = await this.reviews.reviewableLine(req.user!, id);
    const form = { rating: Number(req.body?.rating), text: str(req.body?.text), language: req.body?.language === 'en' ? ('en' as const) : ('id' as const) };
    const errors: FieldError[] = [];
    if (!Number.isInteger(form.rating) || form.rating < 1 || form.rating > 5) errors.push({ field: 'rating', message: 'reviews.write.badRating' });
    if (form.text.length > MAX_REVIEW_TEXT) errors.push({ field: 'text', message: 'reviews.write.tooLong' });
    if (photosRefused(req)) errors.push({ field: 'photos', message: 'reviews.write.badPhoto' });
    if (errors.length === 0) {
      try {
        const photoIds: string[] = [];
        for (const file of files ?? []) photoIds.push((await this.media.storeForUser(req.user!.id, file)).id);
        await this.reviews.create(req.user!, id, { ...form, photoIds });
        return res.redirect(303, `/products/${line.productId}/reviews?written=1`);
      } catch (error) {
        const problem = formProblem(error);
        if (!problem) throw error;
        errors.push(...formErrors(problem.errors));
      }
    }
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    this.views.page(req, res, 'reviews/write', { line, form, fieldErrors, maxLength: MAX_REVIEW_TEXT, titleKey: 'reviews.write.title' }, { status: 422 });
  }

  @Post('reviews/:id/reply')
  @Authenticated()
  @RateLimit('review')
  async reply(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const { productId } = await this.reviews.reply(req.user!, id, str(req.body?.text).slice(0, MAX_REVIEW_TEXT));
    res.redirect(303, `/products/${productId}/reviews?replied=1`);
  }

  @Post('reviews/:id/report')
  @Authenticated()
  @RateLimit('review')
  async report(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const reason = str(req.body?.reason).trim().slice(0, 1000) || '-';
    const { productId } = await this.reviews.report(req.user!, id, reason);
    res.redirect(303, `/products/${productId}/reviews?reported=1`);
  }
}
