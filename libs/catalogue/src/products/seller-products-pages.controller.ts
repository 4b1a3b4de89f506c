import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type SignedInUser } from '#libs/identity';
import { createValidationPipe, invalid, notFound, Problem, RateLimit, t, ViewService, type FieldError } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import { CSV_COLUMNS } from '../imports/catalogue-csv.js';
import { CategoriesService } from '../categories/categories.service.js';
import { FileUpload } from '../media/file-upload.interceptor.js';
import { MAX_CSV_BYTES } from '../imports/imports.controller.js';
import { ImportsService } from '../imports/imports.service.js';
import { MAX_IMAGE_BYTES, MediaService } from '../media/media.service.js';
import { CreateProductDto, UpdateProductDto } from './product.dto.js';
import type { ProductView } from './product-view.js';
import { ProductsService } from './products.service.js';
import { productForm, formValues, formFieldOf, type ProductForm } from './product-form.js';

/**
 * The seller's product management pages: list with search, a create/edit form that works
 * without JavaScript, photo upload and CSV import with a self-refreshing status page.
 * Multipart forms carry the CSRF token in their action URL (the body is read after the check).
 */
@Controller('dashboard')
@ApiExcludeController()
export class SellerProductsPagesController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly views: ViewService,
    private readonly products: ProductsService,
    private readonly categories: CategoriesService,
    private readonly media: MediaService,
    private readonly imports: ImportsService,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
  ) {}

  @Get('sellers/:sellerId/products')
  @Authenticated()
  async list(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Req() req: Request, @Res() res: Response) {
    const seller = await this.seller(req, sellerId);
    const status = ['draft', 'active', 'archived'].includes(String(req.query.status)) ? (String(req.query.status) as ProductView['status']) : undefined;
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const page = Math.max(1, Math.min(1000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const result = await this.products.listForSeller(req.user, sellerId, { page, perPage: 25, status }, q || undefined);
    this.views.page(req, res, 'catalogue/dashboard-products', {
      title: t('catalogue.dash.title', req.lang, { seller: seller.name }),
      seller,
      result,
      q,
      status,
      hasNext: page * 25 < result.total,
      csvColumns: CSV_COLUMNS.join(', '),
    });
  }

  @Get('sellers/:sellerId/products/new')
  @Authenticated()
  async newForm(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Req() req: Request, @Res() res: Response) {
    const seller = await this.seller(req, sellerId);
    await this.renderForm(req, res, seller, undefined, productForm(undefined));
  }

  @Post('sellers/:sellerId/products')
  @Authenticated()
  async create(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Req() req: Request, @Res() res: Response) {
    const seller = await this.seller(req, sellerId);
    const form = formValues(req.body);
    try {
      const dto = await this.validation.transform(form.dto, { type: 'body', metatype: CreateProductDto });
      const product = await this.products.create(req.user!, sellerId, dto);
      res.redirect(303, `/dashboard/sellers/${sellerId}/products/${product.id}?saved=1`);
    } catch (error) {
      await this.renderForm(req, res, seller, undefined, form.values, fieldErrors(error));
    }
  }

  @Get('sellers/:sellerId/products/:productId')
  @Authenticated()
  async editForm(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Param('productId', ParseUUIDPipe) productId: string, @Req() req: Request, @Res() res: Response) {
    const seller = await this.seller(req, sellerId);
    const product = await this.product(sellerId, productId);
    await this.renderForm(req, res, seller, product, productForm(product), {}, req.query.saved === '1');
  }

  @Post('sellers/:sellerId/products/:productId')
  @Authenticated()
  async update(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Param('productId', ParseUUIDPipe) productId: string, @Req() req: Request, @Res() res: Response) {
    const seller = await this.seller(req, sellerId);
    const product = await this.product(sellerId, productId);
    const form = formValues(req.body);
    try {
      const dto = await this.validation.transform(form.dto, { type: 'body', metatype: UpdateProductDto });
      await this.products.update(req.user!, productId, dto);
      res.redirect(303, `/dashboard/sellers/${sellerId}/products/${productId}?saved=1`);
    } catch (error) {
      await this.renderForm(req, res, seller, product, form.values, fieldErrors(error));
    }
  }

  @Post('sellers/:sellerId/products/:productId/images')
  @Authenticated()
  @RateLimit('upload')
  @UseInterceptors(FileUpload('file', MAX_IMAGE_BYTES))
  async addImage(
    @Param('sellerId', ParseUUIDPipe) sellerId: string,
    @Param('productId', ParseUUIDPipe) productId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const seller = await this.seller(req, sellerId);
    const product = await this.product(sellerId, productId);
    try {
      if (!file) throw invalid('file', t('catalogue.form.imagesHelp', req.lang));
      const stored = await this.media.store(sellerId, file);
      await this.products.update(req.user!, productId, { images: [...product.images.map((i) => i.id), stored.id] });
      res.redirect(303, `/dashboard/sellers/${sellerId}/products/${productId}?saved=1`);
    } catch (error) {
      const errors = fieldErrors(error);
      await this.renderForm(req, res, seller, product, productForm(product), { file: errors.file ?? errors.images ?? Object.values(errors)[0] ?? '' });
    }
  }

  @Post('sellers/:sellerId/imports')
  @Authenticated()
  @RateLimit('import')
  @UseInterceptors(FileUpload('file', MAX_CSV_BYTES))
  async importCsv(@Param('sellerId', ParseUUIDPipe) sellerId: string, @UploadedFile() file: Express.Multer.File | undefined, @Req() req: Request, @Res() res: Response) {
    await this.seller(req, sellerId);
    const { id } = await this.imports.submit(req.user!, sellerId, file);
    res.redirect(303, `/dashboard/imports/${id}`);
  }

  @Get('imports/:importId')
  @Authenticated()
  async importStatus(@Param('importId', ParseUUIDPipe) importId: string, @Req() req: Request, @Res() res: Response) {
    const view = await this.imports.view(req.user!, importId);
    const running = view.status === 'queued' || view.status === 'running';
    this.views.page(req, res, 'catalogue/import-status', {
      titleKey: 'catalogue.import.title',
      imp: view,
      // A file of thousands of bad rows would make a page nobody reads; the API has them all.
      shownErrors: view.errors.slice(0, 200),
      hiddenErrors: Math.max(0, view.errors.length - 200),
      running,
      head: running ? '<meta http-equiv="refresh" content="2">' : undefined,
    });
  }

  private async seller(req: Request, sellerId: string) {
    await this.access.assertCanManage(req.user as SignedInUser, sellerId);
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    return seller;
  }

  private async product(sellerId: string, productId: string) {
    const product = await this.products.findById(productId);
    if (!product || product.sellerId !== sellerId) throw notFound('Product');
    return product;
  }

  private async renderForm(
    req: Request,
    res: Response,
    seller: { id: string; name: string },
    product: ProductView | undefined,
    values: ProductForm,
    errors: Record<string, string> = {},
    saved = false,
  ) {
    const categories = (await this.categories.all()).map((c) => ({ slug: c.slug, name: c.name, child: !!c.parentSlug, hs: c.hsHeadings.join(', ') }));
    const hsHint = categories.find((c) => c.slug === values.categorySlug)?.hs;
    this.views.page(
      req,
      res,
      'catalogue/product-form',
      { titleKey: product ? 'catalogue.form.editTitle' : 'catalogue.form.newTitle', seller, product, values, categories, hsHint, errors, hasErrors: Object.keys(errors).length > 0, saved },
      { status: Object.keys(errors).length ? 422 : 200 },
    );
  }
}

/** A 422 problem's errors keyed by form field; anything else is not the form's business and goes on. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof Problem) || error.getStatus() !== 422) throw error;
  const errors = ((error.getResponse() as { errors?: FieldError[] }).errors ?? []) as FieldError[];
  const out: Record<string, string> = {};
  for (const e of errors) out[formFieldOf(e.field)] ??= e.message;
  return out;
}
