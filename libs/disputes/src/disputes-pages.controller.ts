import { Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FileUpload, MAX_IMAGE_BYTES, MediaService } from '#libs/catalogue';
import { Authenticated } from '#libs/identity';
import { notFound, RateLimit, ViewService } from '#libs/platform';
import { DECISION_OUTCOMES, DISPUTE_REASONS, DISPUTE_REQUESTS, MAX_DISPUTE_PHOTOS, MAX_DISPUTE_TEXT, RESPONSE_ACTIONS } from './disputes.dto.js';
import { DisputesService, type DisputeStatus } from './disputes.service.js';

const str = (value: unknown, max = MAX_DISPUTE_TEXT) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => ((allowed as readonly unknown[]).includes(value) ? (value as T) : undefined);
/** Whole rupiah typed in a form → IDR minor units; undefined when empty or not a positive whole number. */
const rupiah = (value: unknown): { amount: number; currency: 'IDR' } | undefined => {
  const digits = str(value, 20).replace(/[.\s]/g, '');
  return /^\d{1,12}$/.test(digits) && Number(digits) > 0 ? { amount: Number(digits) * 100, currency: 'IDR' } : undefined;
};
const OPTIONS = { reasons: DISPUTE_REASONS.map((value) => ({ value, key: `disputes.reason.${value}` })), requests: DISPUTE_REQUESTS.map((value) => ({ value, key: `disputes.requested.${value}` })) };
/** A refused step (409, 422) is shown on the page; anything else goes to the error page. */
const refusal = (error: unknown): string | undefined => {
  if (!(error instanceof HttpException) || ![403, 409, 422].includes(error.getStatus())) return undefined;
  const body = error.getResponse() as { detail?: string; errors?: Array<{ field: string; message: string }> };
  return [body.detail, ...(body.errors ?? []).map((e) => `${e.field} ${e.message}`)].filter(Boolean).join(' · ');
};

/** Disputes without JavaScript: the buyer's form from the order page, the dispute with its thread and each party's forms, the staff queue. */
@Controller()
@ApiExcludeController()
export class DisputesPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly disputes: DisputesService,
    private readonly media: MediaService,
  ) {}

  @Get('orders/:id/dispute')
  @Authenticated()
  async form(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const existing = await this.disputes.forOrder(req.user!, id);
    const check = await this.disputes.canOpen(req.user!, id);
    // The seller (or staff) following a notice about the order, or the buyer with a dispute open: to the dispute.
    if (existing && (existing.status !== 'resolved' || (!check.ok && check.status === 404))) return res.redirect(303, `/disputes/${existing.id}`);
    if (!check.ok && check.status === 404) throw notFound('Order');
    this.views.page(req, res, 'disputes/open', {
      orderId: id,
      allowed: check.ok,
      detail: check.ok ? undefined : check.detail,
      reasons: OPTIONS.reasons,
      requests: OPTIONS.requests,
      titleKey: 'disputes.open',
    });
  }

  /** The form posts multipart (up to 4 photos) with the CSRF token in the query, as multipart bodies are read after the check. */
  @Post('orders/:id/dispute')
  @Authenticated()
  @RateLimit('upload')
  @UseInterceptors(FileUpload('photos', MAX_IMAGE_BYTES, MAX_DISPUTE_PHOTOS))
  async open(@Param('id', ParseUUIDPipe) id: string, @UploadedFiles() files: Express.Multer.File[] | undefined, @Req() req: Request, @Res() res: Response) {
    try {
      const check = await this.disputes.canOpen(req.user!, id);
      if (!check.ok && check.status === 404) throw notFound('Order');
      // Photos are stored only for a buyer who may open a dispute now (an empty file input sends an empty part).
      const photoIds: string[] = [];
      if (check.ok) for (const file of (files ?? []).filter((f) => f.size > 0)) photoIds.push((await this.media.storeForUser(req.user!.id, file)).id);
      const reason = pick(req.body?.reason, DISPUTE_REASONS) ?? 'not_as_described';
      const requested = pick(req.body?.requested, DISPUTE_REQUESTS) ?? 'refund';
      const amount = requested === 'partial_refund' ? rupiah(req.body?.amount) : undefined;
      const { id: disputeId } = await this.disputes.open(req.user!, id, { reason, requested, description: str(req.body?.description) || '-', photoIds, ...(amount ? { amount } : {}) });
      return res.redirect(303, `/disputes/${disputeId}`);
    } catch (error) {
      const detail = refusal(error);
      if (!detail) throw error;
      this.views.page(req, res, 'disputes/open', { orderId: id, allowed: true, detail, reasons: OPTIONS.reasons, requests: OPTIONS.requests, titleKey: 'disputes.open' }, { status: 422 });
    }
  }

  /** The caller's disputes: as buyer, as a seller's manager, as staff in scope. */
  @Get('disputes')
  @Authenticated()
  async mine(@Req() req: Request, @Res() res: Response) {
    const page = Math.min(10_000, Math.max(1, Number(req.query.page) || 1));
    const list = await this.disputes.list(req.user!, { page, perPage: 20 });
    this.views.page(req, res, 'disputes/queue', {
      list,
      items: list.items.map((d) => ({ ...d, statusKey: `disputes.status.${d.status}`, reasonKey: `disputes.reason.${d.reason}` })),
      prevPage: page > 1 ? page - 1 : undefined,
      nextPage: page * 20 < list.total ? page + 1 : undefined,
      heading: 'disputes.mine',
      titleKey: 'disputes.mine',
    });
  }

  @Get('dashboard/disputes')
  @Authenticated('admin', 'curator')
  async queue(@Req() req: Request, @Res() res: Response) {
    const page = Math.min(10_000, Math.max(1, Number(req.query.page) || 1));
    const status = (pick(req.query.status, ['open', 'rejected', 'offered', 'escalated', 'resolved'] as const) ?? 'escalated') as DisputeStatus;
    const list = await this.disputes.list(req.user!, { page, perPage: 20, status });
    this.views.page(req, res, 'disputes/queue', {
      list,
      items: list.items.map((d) => ({ ...d, statusKey: `disputes.status.${d.status}`, reasonKey: `disputes.reason.${d.reason}` })),
      statuses: (['escalated', 'open', 'rejected', 'offered', 'resolved'] as const).map((value) => ({ value, key: `disputes.status.${value}`, current: value === status })),
      status,
      prevPage: page > 1 ? page - 1 : undefined,
      nextPage: page * 20 < list.total ? page + 1 : undefined,
      titleKey: 'disputes.queue',
    });
  }

  @Get('disputes/:id')
  @Authenticated()
  async view(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.render(req, res, id);
  }

  @Post('disputes/:id/response')
  @Authenticated()
  async respond(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const action = pick(req.body?.action, RESPONSE_ACTIONS);
    if (!action) return this.render(req, res, id, 'action: choose accept, reject or offer', 422);
    const amount = rupiah(req.body?.amount);
    await this.step(req, res, id, () => this.disputes.respond(req.user!, id, { action, message: str(req.body?.message) || '-', ...(amount ? { amount } : {}) }));
  }

  @Post('disputes/:id/escalate')
  @Authenticated()
  async escalate(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.step(req, res, id, () => this.disputes.escalate(req.user!, id, str(req.body?.message) || undefined));
  }

  @Post('disputes/:id/accept-offer')
  @Authenticated()
  async acceptOffer(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.step(req, res, id, () => this.disputes.acceptOffer(req.user!, id, str(req.body?.message) || undefined));
  }

  @Post('disputes/:id/decision')
  @Authenticated('admin', 'curator')
  async decide(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const outcome = pick(req.body?.outcome, DECISION_OUTCOMES);
    if (!outcome) return this.render(req, res, id, 'outcome: choose refund, partial_refund or release', 422);
    const amount = rupiah(req.body?.amount);
    await this.step(req, res, id, () => this.disputes.decide(req.user!, id, { outcome, reason: str(req.body?.reason, 1000) || '-', ...(amount ? { amount } : {}) }));
  }

  private async step(req: Request, res: Response, id: string, work: () => Promise<unknown>) {
    try {
      await work();
      res.redirect(303, `/disputes/${id}`);
    } catch (error) {
      const detail = refusal(error);
      if (!detail) throw error;
      await this.render(req, res, id, detail, 422);
    }
  }

  private async render(req: Request, res: Response, id: string, detail?: string, status = 200) {
    const dispute = await this.disputes.view(req.user!, id);
    const can = (action: string) => dispute.actions.includes(action);
    this.views.page(
      req,
      res,
      'disputes/dispute',
      {
        dispute,
        detail,
        canRespond: can('respond'),
        canEscalate: can('escalate'),
        canAcceptOffer: can('accept_offer'),
        canDecide: can('decide'),
        outcomes: DECISION_OUTCOMES.map((value) => ({ value, key: `disputes.outcome.${value}` })),
        statusKey: `disputes.status.${dispute.status}`,
        reasonKey: `disputes.reason.${dispute.reason}`,
        requestedKey: `disputes.requested.${dispute.requested}`,
        titleKey: 'disputes.title',
      },
      { status },
    );
  }
}
