import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { INCOTERMS, ProductsService } from '#libs/catalogue';
import { Authenticated } from '#libs/identity';
import { createValidationPipe, notFound, RateLimit, regencyName, t, ViewService } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import { countryName } from './countries.js';
import { CreateQuoteDto, CreateRfqDto, EXPORT_EXPERIENCE, ExportProfileDto, PAYMENT_TERMS, PORTS, SAMPLE_POLICIES } from './export.dto.js';
import { fieldErrors, formInt, formList, formRupiah, formString } from './export-form.js';
import { ExportProfilesService, type ExportProfileView } from './export-profiles.service.js';
import { ExportReadinessService } from './export-readiness.service.js';
import { RfqsService, type RfqView } from './rfqs.service.js';

const checked = (value: unknown) => value === 'on' || value === 'true' || value === '1';

/**
 * Export pages that work without JavaScript: the seller's readiness dashboard with the
 * profile form, the seller's RFQ inbox with quote forms, and the buyer's RFQs.
 */
@Controller()
@ApiExcludeController()
export class ExportPagesController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly views: ViewService,
    private readonly readiness: ExportReadinessService,
    private readonly profiles: ExportProfilesService,
    private readonly rfqs: RfqsService,
    private readonly sellers: SellersService,
    private readonly access: SellerAccess,
    private readonly products: ProductsService,
  ) {}

  @Get('dashboard/sellers/:id/export')
  @Authenticated()
  async dashboard(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.renderDashboard(req, res, id, undefined, {}, req.query.saved === '1');
  }

  @Post('dashboard/sellers/:id/export')
  @Authenticated()
  async saveProfile(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const body = req.body ?? {};
    const form = {
      exportExperience: formString(body.exportExperience),
      targetMarkets: formList(body.targetMarkets).map((code) => code.toUpperCase()),
      productionCapacityPerMonth: formInt(body.productionCapacityPerMonth) ?? 0,
      hasExportPlan: checked(body.hasExportPlan),
      exportStaff: formInt(body.exportStaff) ?? 0,
      paymentTermsAccepted: formList(body.paymentTermsAccepted),
      portOfLoading: formString(body.portOfLoading) || null,
      samplePolicy: formString(body.samplePolicy) || null,
      privateLabel: checked(body.privateLabel),
      oem: checked(body.oem),
    };
    try {
      const dto = await this.validation.transform(form, { type: 'body', metatype: ExportProfileDto });
      await this.profiles.put(req.user!, id, dto);
      res.redirect(303, `/dashboard/sellers/${id}/export?saved=1`);
    } catch (error) {
      await this.renderDashboard(req, res, id, { ...(await this.profiles.get(req.user!, id)), ...form } as ExportProfileView, fieldErrors(error));
    }
  }

  /** Curators: readiness per regency (a regency curator sees their own only). */
  @Get('dashboard/export/readiness')
  @Authenticated('curator', 'admin')
  async summary(@Req() req: Request, @Res() res: Response) {
    const regency = formString(req.query.regency) || undefined;
    const { regencies } = await this.readiness.summary(req.user!, regency);
    const lang = req.lang;
    this.views.page(req, res, 'export/summary', {
      title: t('export.summary.title', lang),
      regencies: regencies.map((r) => ({
        ...r,
        name: regencyName(r.regency),
        levels: (['not_ready', 'emerging', 'ready', 'export_active'] as const).map((level) => ({ label: t(`export.level.${level}`, lang), count: r.levels[level] })),
        dimensions: r.dimensions.map((d) => ({ ...d, label: t(`export.dim.${d.key}`, lang), percent: d.max ? Math.round((d.average / d.max) * 100) : 0 })),
      })),
    });
  }

  @Get('dashboard/sellers/:id/rfqs')
  @Authenticated()
  async inbox(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.access.assertCanManage(req.user, id);
    await this.renderInbox(req, res, id);
  }

  @Post('dashboard/sellers/:id/rfqs/:rfqId/quotes')
  @Authenticated()
  @RateLimit('quote')
  async quote(@Param('id', ParseUUIDPipe) id: string, @Param('rfqId', ParseUUIDPipe) rfqId: string, @Req() req: Request, @Res() res: Response) {
    await this.access.assertCanManage(req.user, id);
    const body = req.body ?? {};
    const form = {
      unitPrice: formRupiah(body.unitPrice),
      leadTimeDays: formInt(body.leadTimeDays),
      validUntil: formString(body.validUntil),
      incoterm: formString(body.incoterm),
      ...(formString(body.productId) ? { productId: formString(body.productId) } : {}),
      ...(formString(body.notes) ? { notes: formString(body.notes) } : {}),
    };
    try {
      const dto = await this.validation.transform(form, { type: 'body', metatype: CreateQuoteDto });
      await this.rfqs.quote(req.user!, rfqId, dto);
      res.redirect(303, `/dashboard/sellers/${id}/rfqs?sent=1`);
    } catch (error) {
      await this.renderInbox(req, res, id, { rfqId, errors: fieldErrors(error), values: body });
    }
  }

  @Get('rfqs')
  @Authenticated()
  async buyerRfqs(@Req() req: Request, @Res() res: Response) {
    const page = Math.max(1, Math.min(1000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const result = await this.rfqs.list(req.user!, { page, perPage: 20 });
    const items = result.items.filter((rfq) => rfq.buyerId === req.user!.id).map((rfq) => this.decorate(req, rfq));
    this.views.page(req, res, 'export/rfqs', { title: t('export.rfqs.title', req.lang), items, sent: req.query.sent === '1', hasNext: page * 20 < result.total, page });
  }

  @Get('rfqs/new')
  @Authenticated('buyer')
  async newRfq(@Req() req: Request, @Res() res: Response) {
    await this.renderRfqForm(req, res, formString(req.query.productId), { quantity: '', destinationCountry: '', incoterm: 'FOB', message: '' });
  }

  @Post('rfqs')
  @Authenticated('buyer')
  @RateLimit('rfq')
  async createRfq(@Req() req: Request, @Res() res: Response) {
    const body = req.body ?? {};
    const productId = formString(body.productId);
    const form = {
      productId,
      quantity: formInt(body.quantity),
      destinationCountry: formString(body.destinationCountry).toUpperCase(),
      incoterm: formString(body.incoterm),
      message: formString(body.message),
      ...(formString(body.targetUnitPrice) ? { targetUnitPrice: formRupiah(body.targetUnitPrice) } : {}),
    };
    try {
      const dto = await this.validation.transform(form, { type: 'body', metatype: CreateRfqDto });
      await this.rfqs.create(req.user!, dto);
      res.redirect(303, '/rfqs?sent=1');
    } catch (error) {
      await this.renderRfqForm(req, res, productId, body, fieldErrors(error));
    }
  }

  @Post('rfqs/quotes/:quoteId/accept')
  @Authenticated('buyer')
  async accept(@Param('quoteId', ParseUUIDPipe) quoteId: string, @Req() req: Request, @Res() res: Response) {
    const { order } = await this.rfqs.accept(req.user!, quoteId, {});
    // Straight to how to pay: the bank account and the reference to write on the transfer.
    res.redirect(303, order.payment ? `/checkout/done/${order.payment.id}` : `/orders/${order.id}`);
  }

  /** Curators in scope see the assessment; only the seller's managers get the profile form. */
  private async renderDashboard(req: Request, res: Response, sellerId: string, edited: ExportProfileView | undefined, errors: Record<string, string> = {}, saved = false) {
    const assessment = await this.readiness.assess(req.user!, sellerId);
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    const profile = edited ?? ((await this.access.manageable(req.user, [sellerId])).has(sellerId) ? await this.profiles.get(req.user!, sellerId) : null);
    const lang = req.lang;
    this.views.page(
      req,
      res,
      'export/dashboard',
      {
        title: t('export.dash.title', lang, { seller: seller.name }),
        seller,
        assessment,
        levelLabel: t(`export.level.${assessment.level}`, lang),
        dimensions: assessment.dimensions.map((d) => ({ ...d, label: t(`export.dim.${d.key}`, lang), percent: d.max ? Math.round((d.score / d.max) * 100) : 0 })),
        todo: assessment.checklist.filter((c) => !c.done),
        done: assessment.checklist.filter((c) => c.done),
        profile,
        form: profile && {
          ...profile,
          targetMarkets: profile.targetMarkets.join(', '),
          experiences: EXPORT_EXPERIENCE.map((value) => ({ value, label: t(`export.experience.${value}`, lang), selected: profile.exportExperience === value })),
          terms: PAYMENT_TERMS.map((value) => ({ value, label: t(`export.terms.${value}`, lang), checked: profile.paymentTermsAccepted.includes(value) })),
          ports: PORTS.map((value) => ({ value, label: t(`export.port.${value}`, lang), selected: profile.portOfLoading === value })),
          samples: SAMPLE_POLICIES.map((value) => ({ value, label: t(`export.sample.${value}`, lang), selected: profile.samplePolicy === value })),
        },
        errors,
        saved,
      },
      { status: Object.keys(errors).length ? 422 : 200 },
    );
  }

  private async renderInbox(req: Request, res: Response, sellerId: string, failed?: { rfqId: string; errors: Record<string, string>; values: Record<string, unknown> }) {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    const result = await this.rfqs.list(req.user!, { page: 1, perPage: 50, sellerId });
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const items = result.items.map((rfq) => ({
      ...this.decorate(req, rfq),
      canQuote: rfq.status === 'open' || rfq.status === 'quoted',
      errors: failed?.rfqId === rfq.id ? failed.errors : {},
      values: failed?.rfqId === rfq.id ? failed.values : { incoterm: rfq.incoterm, validUntil: inAMonth },
    }));
    this.views.page(
      req,
      res,
      'export/inbox',
      { title: t('export.inbox.title', req.lang, { seller: seller.name }), seller, items, incoterms: INCOTERMS, sent: req.query.sent === '1' },
      { status: failed ? 422 : 200 },
    );
  }

  private async renderRfqForm(req: Request, res: Response, productId: string, values: Record<string, unknown>, errors: Record<string, string> = {}) {
    const product = /^[0-9a-f-]{36}$/i.test(productId) ? await this.products.findById(productId) : null;
    if (!product || product.status !== 'active') throw notFound('Product');
    const seller = await this.sellers.findById(product.sellerId);
    this.views.page(
      req,
      res,
      'export/rfq-form',
      { title: t('export.rfqForm.title', req.lang), product, seller, values, errors, incoterms: INCOTERMS },
      { status: Object.keys(errors).length ? 422 : 200 },
    );
  }

  private decorate(req: Request, rfq: RfqView) {
    return {
      ...rfq,
      destinationName: countryName(rfq.destinationCountry, req.lang),
      statusLabel: t(`export.rfqStatus.${rfq.status}`, req.lang),
      quotes: rfq.quotes.map((quote) => ({ ...quote, statusLabel: t(`export.quote.status.${quote.status}`, req.lang) })),
    };
  }
}
