import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated } from '#libs/identity';
import { createValidationPipe, formatMoney, Problem, REGENCIES, regencyName, t, ViewService, type FieldError, type Lang } from '#libs/platform';
import { SellerDocumentsService, SellersService } from '#libs/sellers';
import { AssessmentsService } from './assessments.service.js';
import { AuditTrail } from './audit-trail.service.js';
import { CurationReports } from './curation-reports.repository.js';
import { AuditLogQuery, CreateAssessmentDto, CreateFeaturedDto, DocumentDecisionDto, ReasonDto } from './curation.dto.js';
import { CuratorScope } from './curator-scope.service.js';
import { DashboardService, READINESS_LEVELS, type Dashboard } from './dashboard.service.js';
import { FeaturedService } from './featured.service.js';
import { KURASI_CRITERIA } from './kurasi-grade.js';
import { barChart } from './svg-charts.js';
import { VerificationService } from './verification.service.js';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const SELLER_PAGE = /^\/dashboard\/curation\/sellers\/[0-9a-f-]{36}$/;
type Errors = Record<string, string>;

/** field → message of a 422 problem; other errors are rethrown. */
function fieldErrors(error: unknown): Errors {
  if (!(error instanceof Problem) || error.getStatus() !== 422) throw error;
  const body = error.getResponse() as { errors?: FieldError[]; detail?: string };
  const errors: Errors = {};
  for (const e of body.errors ?? [{ field: 'form', message: body.detail ?? 'invalid' }]) errors[e.field.split('.').at(-1)!] ??= e.message;
  return errors;
}

/**
 * The curator's pages, working without JavaScript: queue with decision forms, featured
 * collections, dashboard with server-rendered SVG charts; a seller review page with
 * documents, kurasi form and suspension; the audit trail. Scope checks live in the services.
 */
@Controller('dashboard/curation')
@ApiExcludeController()
@Authenticated('curator')
export class CurationPagesController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly views: ViewService,
    private readonly scope: CuratorScope,
    private readonly verification: VerificationService,
    private readonly featured: FeaturedService,
    private readonly dashboard: DashboardService,
    private readonly reports: CurationReports,
    private readonly assessments: AssessmentsService,
    private readonly audit: AuditTrail,
    private readonly sellers: SellersService,
    private readonly documents: SellerDocumentsService,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response) {
    await this.renderHome(req, res);
  }

  @Post('documents/:id/decision')
  async decide(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const body = req.body ?? {};
    const back = SELLER_PAGE.test(text(body.returnTo)) ? text(body.returnTo) : '/dashboard/curation';
    try {
      const dto = await this.form(DocumentDecisionDto, { decision: text(body.decision), ...(text(body.reason) ? { reason: text(body.reason) } : {}) });
      await this.verification.decide(req.user!, id, dto.decision, dto.reason);
      res.redirect(303, `${back}?done=decided`);
    } catch (error) {
      const errors = fieldErrors(error);
      const failure = { documentErrorsById: { [id]: errors } };
      if (back === '/dashboard/curation') await this.renderHome(req, res, failure);
      else await this.renderSeller(req, res, back.split('/').at(-1)!, failure);
    }
  }

  @Post('featured')
  async feature(@Req() req: Request, @Res() res: Response) {
    const body = req.body ?? {};
    const day = (value: unknown, time: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text(value)) ? `${text(value)}T${time}+08:00` : text(value));
    const form = {
      sellerId: text(body.sellerId),
      startsAt: day(body.startsAt, '00:00:00'),
      endsAt: day(body.endsAt, '23:59:59'),
      ...(text(body.collection) ? { collection: text(body.collection) } : {}),
      ...(text(body.note) ? { note: text(body.note) } : {}),
    };
    try {
      await this.featured.create(req.user!, await this.form(CreateFeaturedDto, form));
      res.redirect(303, '/dashboard/curation?done=featured#featured');
    } catch (error) {
      await this.renderHome(req, res, { featuredErrors: fieldErrors(error), featuredValues: body });
    }
  }

  @Post('featured/:id/delete')
  async unfeature(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.featured.remove(req.user!, id);
    res.redirect(303, '/dashboard/curation?done=unfeatured#featured');
  }

  @Get('sellers/:id')
  async seller(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.renderSeller(req, res, id);
  }

  @Post('sellers/:id/assessments')
  async assess(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const body = req.body ?? {};
    const score = (value: unknown) => (/^[1-5]$/.test(text(value)) ? Number(text(value)) : text(value) || undefined);
    const form = {
      scores: Object.fromEntries(KURASI_CRITERIA.map((key) => [key, score(body[key])])),
      feedback: { id: text(body.feedback), ...(text(body.feedbackEn) ? { en: text(body.feedbackEn) } : {}) },
    };
    try {
      await this.assessments.create(req.user!, id, await this.form(CreateAssessmentDto, form));
      res.redirect(303, `/dashboard/curation/sellers/${id}?done=assessed`);
    } catch (error) {
      await this.renderSeller(req, res, id, { kurasiErrors: fieldErrors(error), kurasiValues: body });
    }
  }

  @Post('sellers/:id/suspend')
  async suspend(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.suspension(req, res, id, true);
  }

  @Post('sellers/:id/reinstate')
  async reinstate(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.suspension(req, res, id, false);
  }

  @Get('audit')
  async auditTrail(@Req() req: Request, @Res() res: Response) {
    const page = Math.max(1, Math.min(1000, Number.parseInt(text(req.query.page) || '1', 10) || 1));
    const query = Object.assign(new AuditLogQuery(), { page, perPage: 50 });
    const result = await this.audit.list(req.user!, query);
    this.views.page(req, res, 'curation/audit', { title: t('curation.audit.title', req.lang), ...result, nextPage: page * 50 < result.total ? page + 1 : null });
  }

  private async suspension(req: Request, res: Response, id: string, suspend: boolean) {
    try {
      const dto = await this.form(ReasonDto, { reason: text(req.body?.reason) });
      if (suspend) await this.verification.suspend(req.user!, id, dto.reason);
      else await this.verification.reinstate(req.user!, id, dto.reason);
      res.redirect(303, `/dashboard/curation/sellers/${id}?done=${suspend ? 'suspended' : 'reinstated'}`);
    } catch (error) {
      await this.renderSeller(req, res, id, { suspensionErrors: fieldErrors(error) });
    }
  }

  private form<T>(type: new () => T, value: Record<string, unknown>): Promise<T> {
    return this.validation.transform(value, { type: 'body', metatype: type }) as Promise<T>;
  }

  private async renderHome(req: Request, res: Response, failure: Record<string, unknown> = {}) {
    const user = req.user!;
    const lang = req.lang ?? 'id';
    const own = this.scope.regencyOf(user);
    const requested = own ? undefined : text(req.query.regency) || undefined;
    const [queue, featured, dashboard, sellers] = await Promise.all([
      this.verification.queue(user),
      this.featured.managed(user),
      this.dashboard.figures(user, requested),
      this.reports.featurableSellers(own),
    ]);
    const values = (failure.featuredValues ?? {}) as Record<string, string>;
    this.views.page(
      req,
      res,
      'curation/dashboard',
      {
        title: t('curation.title', lang),
        scopeLabel: own ? t('curation.scope.regency', lang, { regency: regencyName(own) }) : t('curation.scope.province', lang),
        done: this.doneMessage(req, lang),
        queue,
        featured,
        sellerOptions: sellers.map((s) => ({ ...s, regencyName: regencyName(s.regency), selected: s.id === values.sellerId })),
        featuredValues: values,
        regencyOptions: own ? null : REGENCIES.map((r) => ({ slug: r.slug, name: r.name, selected: r.slug === requested })),
        csvUrl: `/api/v1/curation/dashboard.csv${requested ? `?regency=${requested}` : ''}`,
        ...this.dashboardView(dashboard, lang),
        ...failure,
      },
      { status: Object.keys(failure).length ? 422 : 200 },
    );
  }

  private dashboardView(dashboard: Dashboard, lang: Lang) {
    const rows = [...dashboard.regencies, ...(dashboard.province ? [dashboard.province] : [])].map((f) => ({
      ...f,
      formalisedPercent: Math.round(f.formalisedShare * 100),
      orders12: f.monthly.reduce((sum, m) => sum + m.orders, 0),
      sales12: { amount: f.monthly.reduce((sum, m) => sum + m.sales.amount, 0), currency: 'IDR' },
    }));
    const area = dashboard.province ?? dashboard.regencies[0]!;
    const areaName = area.regency === 'bali' ? t('curation.dash.all', lang) : area.regencyName;
    const charts = [
      barChart({
        id: 'chart-formalisation',
        title: t('curation.chart.formalisation', lang),
        desc: t('curation.chart.formalisationDesc', lang),
        max: 100,
        bars: dashboard.regencies.map((f) => ({
          label: f.regencyName.replace(/^(Kabupaten|Kota) /, ''),
          value: f.formalisedShare * 100,
          display: `${Math.round(f.formalisedShare * 100)}% (${f.formalised}/${f.sellers})`,
        })),
      }),
      barChart({
        id: 'chart-sales',
        title: t('curation.chart.sales', lang, { area: areaName }),
        desc: t('curation.chart.salesDesc', lang),
        bars: area.monthly.map((m) => ({ label: m.month, value: m.sales.amount, display: `${formatMoney(m.sales, lang)} · ${m.orders}` })),
      }),
      barChart({
        id: 'chart-readiness',
        title: t('curation.chart.readiness', lang, { area: areaName }),
        desc: t('curation.chart.readinessDesc', lang),
        bars: READINESS_LEVELS.map((level) => ({ label: t(`export.level.${level}`, lang), value: area.readiness[level], display: String(area.readiness[level]) })),
      }),
    ];
    return { figures: rows, charts: charts.join('') };
  }

  private async renderSeller(req: Request, res: Response, id: string, failure: Record<string, unknown> = {}) {
    const user = req.user!;
    await this.scope.assertSeller(user, id);
    const [seller, documents, history] = await Promise.all([this.sellers.managedView(id), this.documents.list(user, id), this.assessments.list(user, id)]);
    const values = (failure.kurasiValues ?? {}) as Record<string, string>;
    this.views.page(
      req,
      res,
      'curation/seller',
      {
        title: `${t('curation.seller.review', req.lang)} — ${seller.name}`,
        seller,
        done: this.doneMessage(req, req.lang ?? 'id'),
        documents: documents.map((d) => ({ ...d, statusLabel: t(`curation.status.${d.status}`, req.lang) })),
        history,
        returnTo: `/dashboard/curation/sellers/${id}`,
        criteria: KURASI_CRITERIA.map((key) => ({ key, label: t(`curation.criterion.${key}`, req.lang), options: [1, 2, 3, 4, 5].map((n) => ({ n, checked: values[key] === String(n) })) })),
        kurasiValues: values,
        ...failure,
      },
      { status: Object.keys(failure).length ? 422 : 200 },
    );
  }

  private doneMessage(req: Request, lang: Lang): string | null {
    const done = text(req.query.done);
    return ['decided', 'featured', 'unfeatured', 'assessed', 'suspended', 'reinstated'].includes(done) ? t(`curation.done.${done}`, lang) : null;
  }
}
