import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, hasRole, type SignedInUser } from '#libs/identity';
import { createValidationPipe, REGENCIES, t, ViewService } from '#libs/platform';
import { MEMBERSHIP_DONE, MEMBERSHIP_ERRORS } from './cooperatives/cooperative-membership-pages.controller.js';
import { CooperativeMembership } from './cooperatives/cooperative-membership.service.js';
import { CooperativesService } from './cooperatives/cooperatives.service.js';
import { SellerAccess } from './seller-access.service.js';
import { DOCUMENT_TYPES } from './documents/seller-document.entity.js';
import { SellerDocumentsService } from './documents/seller-documents.service.js';
import { formErrors, sellerFormDto, sellerFormValues, SHIP_FROM_KEYS, type SellerFormValues } from './seller-form.js';
import { BUSINESS_FORMS } from './seller.entity.js';
import { CreateDocumentDto, CreateSellerDto, UpdateSellerDto } from './sellers.dto.js';
import { SellersService } from './sellers.service.js';
import type { ManagedSellerView } from './seller-view.js';

const DOCUMENT_LABELS: Record<string, string> = {
  NIB: 'NIB — Nomor Induk Berusaha',
  NPWP: 'NPWP — Nomor Pokok Wajib Pajak',
  SPP_IRT: 'SPP-IRT — Pangan Industri Rumah Tangga',
  PIRT: 'P-IRT',
  BPOM_MD: 'BPOM MD — pangan olahan',
  BPOM_NA: 'BPOM NA — kosmetik',
  HALAL: 'Sertifikat Halal',
  SNI: 'SNI — Standar Nasional Indonesia',
  SVLK: 'SVLK — legalitas kayu',
};

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The signed-in landing page and the seller's own profile pages: create, edit, documents.
 * Plain forms (post, then 303 redirect); the other areas' pages are linked from here.
 */
@Controller('dashboard')
@ApiExcludeController()
export class DashboardPagesController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly views: ViewService,
    private readonly sellers: SellersService,
    private readonly documents: SellerDocumentsService,
    private readonly cooperatives: CooperativesService,
    private readonly membership: CooperativeMembership,
    private readonly access: SellerAccess,
  ) {}

  @Get()
  @Authenticated()
  async dashboard(@Req() req: Request, @Res() res: Response) {
    const user = req.user as SignedInUser;
    const sells = hasRole(user, 'artisan', 'coop_admin');
    const cooperative = hasRole(user, 'coop_admin') && user.cooperativeId ? await this.cooperatives.view(user.cooperativeId).catch(() => null) : null;
    const invitations = sells ? await this.membership.pendingForOwner(user.id) : [];
    const done = MEMBERSHIP_DONE.find((code) => code === req.query.done);
    const error = MEMBERSHIP_ERRORS.find((code) => code === req.query.error);
    this.views.page(req, res, 'sellers/dashboard', {
      titleKey: 'sellers.dashboard.title',
      sells,
      sellers: sells
        ? (await this.sellers.mine(user)).map((s) => ({
            ...s,
            levelKey: `sellers.level.${s.verification.level}`,
            owned: s.ownerId === user.id,
            invitations: invitations.filter((i) => i.sellerId === s.id),
          }))
        : [],
      cooperative,
      cooperativeInvitations: cooperative ? (await this.membership.forCooperative(user, cooperative.id, { page: 1, perPage: 50, status: 'pending' })).items : [],
      membershipDone: done ? `sellers.coop.done.${done}` : null,
      membershipError: error ? `sellers.coop.error.${error}` : null,
      curates: hasRole(user, 'curator', 'admin'),
      buys: hasRole(user, 'buyer'),
    });
  }

  @Get('sellers/new')
  @Authenticated('artisan', 'coop_admin')
  newForm(@Req() req: Request, @Res() res: Response) {
    this.renderForm(req, res, null, sellerFormValues({ regency: '', businessForm: 'informal' }));
  }

  @Post('sellers/new')
  @Authenticated('artisan', 'coop_admin')
  async create(@Req() req: Request, @Res() res: Response) {
    const values = sellerFormValues(req.body);
    try {
      const dto = await this.validation.transform(sellerFormDto(values, 'create'), { type: 'body', metatype: CreateSellerDto });
      const seller = await this.sellers.create(req.user as SignedInUser, dto);
      res.redirect(303, `/dashboard/sellers/${seller.id}/edit?saved=1`);
    } catch (error) {
      this.renderForm(req, res, null, values, formErrors(error, req.lang ?? 'id'));
    }
  }

  @Get('sellers/:id/edit')
  @Authenticated()
  async editForm(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.access.assertCanManage(req.user, id);
    const seller = await this.sellers.managedView(id);
    const values: SellerFormValues = {
      name: seller.name,
      slug: seller.slug,
      regency: seller.regency,
      district: seller.district ?? '',
      storyId: seller.story?.id ?? '',
      storyEn: seller.story?.en ?? '',
      whatsapp: seller.whatsapp ?? '',
      businessForm: seller.businessForm,
      shipFrom: Object.fromEntries(SHIP_FROM_KEYS.map((key) => [key, seller.shipFrom?.[key] ?? ''])) as SellerFormValues['shipFrom'],
    };
    this.renderForm(req, res, seller, values, {}, req.query.saved === '1');
  }

  @Post('sellers/:id/edit')
  @Authenticated()
  async update(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.access.assertCanManage(req.user, id);
    const values = sellerFormValues(req.body);
    try {
      const dto = await this.validation.transform(sellerFormDto(values, 'edit'), { type: 'body', metatype: UpdateSellerDto });
      await this.sellers.update(req.user as SignedInUser, id, dto);
      res.redirect(303, `/dashboard/sellers/${id}/edit?saved=1`);
    } catch (error) {
      this.renderForm(req, res, await this.sellers.managedView(id), values, formErrors(error, req.lang ?? 'id'));
    }
  }

  @Get('sellers/:id/documents')
  @Authenticated()
  async documentsPage(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.renderDocuments(req, res, id, { values: {}, errors: {}, added: req.query.added === '1' });
  }

  @Post('sellers/:id/documents')
  @Authenticated()
  async addDocument(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const values = { type: str(req.body?.type), number: str(req.body?.number), issuedAt: str(req.body?.issuedAt), expiresAt: str(req.body?.expiresAt) };
    try {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
      const dto = await this.validation.transform(body, { type: 'body', metatype: CreateDocumentDto });
      await this.documents.add(req.user as SignedInUser, id, dto);
      res.redirect(303, `/dashboard/sellers/${id}/documents?added=1`);
    } catch (error) {
      await this.renderDocuments(req, res, id, { values, errors: formErrors(error, req.lang ?? 'id'), added: false }, 422);
    }
  }

  private renderForm(req: Request, res: Response, seller: ManagedSellerView | null, values: SellerFormValues, errors: Record<string, string> = {}, saved = false) {
    this.views.page(
      req,
      res,
      'sellers/seller-form',
      {
        title: seller ? t('sellers.form.editTitle', req.lang ?? 'id', { name: seller.name }) : t('sellers.form.newTitle', req.lang ?? 'id'),
        seller,
        values,
        errors,
        hasErrors: Object.keys(errors).length > 0,
        saved,
        regencies: REGENCIES,
        businessForms: BUSINESS_FORMS.map((value) => ({ value, labelKey: `sellers.businessForm.${value}` })),
        action: seller ? `/dashboard/sellers/${seller.id}/edit` : '/dashboard/sellers/new',
      },
      { status: Object.keys(errors).length ? 422 : 200 },
    );
  }

  private async renderDocuments(req: Request, res: Response, id: string, form: { values: Record<string, string>; errors: Record<string, string>; added: boolean }, status = 200) {
    const list = await this.documents.list(req.user as SignedInUser, id);
    const seller = await this.sellers.managedView(id);
    const canAdd = (await this.access.manageable(req.user, [id])).has(id);
    this.views.page(
      req,
      res,
      'sellers/documents',
      {
        title: t('sellers.docs.title', req.lang ?? 'id', { name: seller.name }),
        seller,
        levelKey: `sellers.level.${seller.verification.level}`,
        documents: list.map((d) => ({ ...d, label: DOCUMENT_LABELS[d.type] ?? d.type, statusKey: `sellers.status.${d.status}` })),
        types: DOCUMENT_TYPES.map((value) => ({ value, label: DOCUMENT_LABELS[value] })),
        canAdd,
        ...form,
      },
      { status },
    );
  }
}
