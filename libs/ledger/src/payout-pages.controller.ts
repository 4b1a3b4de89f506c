import { Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type SignedInUser } from '#libs/identity';
import { conflict, invalid, money, t, ViewService, type Lang } from '#libs/platform';
import { CooperativesService, SellerAccess, SellersService } from '#libs/sellers';
import type { Owner } from './accounts.js';
import { BANKS, bankName } from './banks.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerService } from './ledger.service.js';
import { PayoutAccounts, type PayoutAccountInput } from './payout-accounts.service.js';
import { PayoutsService } from './payouts.service.js';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const balancePath = (owner: Owner) => `/dashboard/${owner.type === 'seller' ? 'sellers' : 'cooperatives'}/${owner.id}/balance`;
/** Which save the page confirms (`?saved=account|fee`). */
const savedNotice = (req: Request) => (['account', 'fee'].includes(str(req.query.saved)) ? str(req.query.saved) : null);

/** The message of a problem for a form: its first field error, else its detail. */
function formError(error: unknown): { field?: string; message: string } {
  if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
  const body = error.getResponse() as { detail?: string; errors?: Array<{ field: string; message: string }> };
  const first = body.errors?.[0];
  return first ? { field: first.field, message: `${first.field}: ${first.message}` } : { message: body.detail ?? error.message };
}

/**
 * The Saldo pages of a seller and of a cooperative (balances, ledger lines, payouts, the payout
 * account form; the cooperative's also its member fee) and the admin's payout batches page.
 * Plain forms (post, then 303), no script needed.
 */
@Controller('dashboard')
@ApiExcludeController()
export class PayoutPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly payouts: PayoutsService,
    private readonly accounts: PayoutAccounts,
    private readonly ledger: LedgerService,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly cooperatives: CooperativesService,
    private readonly fees: FeeSchedule,
  ) {}

  @Get('sellers/:id/balance')
  @Authenticated()
  async balance(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.access.assertCanManage(req.user as SignedInUser, id);
    await this.renderBalance(req, res, { type: 'seller', id }, {}, savedNotice(req));
  }

  @Post('sellers/:id/payout-account')
  @Authenticated()
  async setAccount(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const user = req.user as SignedInUser;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: PayoutAccountInput = { bankCode: str(body.bankCode), accountNumber: str(body.accountNumber), accountHolderName: str(body.accountHolderName) };
    await this.accounts.assertSellerOwner(user, id);
    await this.saveAccount(req, res, { type: 'seller', id }, values);
  }

  @Get('cooperatives/:id/balance')
  @Authenticated('coop_admin', 'admin')
  async cooperativeBalance(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.fees.assertCooperativeManager(req.user as SignedInUser, id);
    await this.renderBalance(req, res, { type: 'cooperative', id }, {}, savedNotice(req));
  }

  @Post('cooperatives/:id/payout-account')
  @Authenticated('coop_admin')
  async setCooperativeAccount(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    await this.accounts.assertCooperativeAdmin(req.user as SignedInUser, id);
    await this.saveAccount(req, res, { type: 'cooperative', id }, { bankCode: str(body.bankCode), accountNumber: str(body.accountNumber), accountHolderName: str(body.accountHolderName) });
  }

  /** The cooperative's member fee, as a percentage with up to two decimals (2,5 % = 250 bp). */
  @Post('cooperatives/:id/fees')
  @Authenticated('coop_admin', 'admin')
  async setCooperativeFee(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const user = req.user as SignedInUser;
    const percent = str(req.body?.memberFeePercent).trim().replace(',', '.');
    const bps = /^\d{1,2}(\.\d{1,2})?$/.test(percent) ? Math.round(Number(percent) * 100) : NaN;
    try {
      if (!Number.isInteger(bps)) throw invalid('memberFeePercent', 'must be a percentage from 0 to 30, e.g. 2,5');
      await this.fees.setCooperativeFee(user, id, bps);
      res.redirect(303, `/dashboard/cooperatives/${id}/balance?saved=fee${req.lang === 'en' ? '&lang=en' : ''}`);
    } catch (error) {
      await this.renderBalance(req, res, { type: 'cooperative', id }, { feeError: formError(error).message, feeValue: percent.slice(0, 10) }, null, 422);
    }
  }

  private async saveAccount(req: Request, res: Response, owner: Owner, values: PayoutAccountInput) {
    try {
      await this.accounts.setAccount(req.user as SignedInUser, owner, values);
      res.redirect(303, `${balancePath(owner)}?saved=account${req.lang === 'en' ? '&lang=en' : ''}`);
    } catch (error) {
      const problem = formError(error);
      await this.renderBalance(req, res, owner, { error: problem.message, values: { bankCode: values.bankCode, accountHolderName: values.accountHolderName } }, null, 422);
    }
  }

  @Get('admin/payouts')
  @Authenticated('admin')
  async adminPage(@Req() req: Request, @Res() res: Response, @Query('batch') batchParam?: string) {
    const batches = await this.payouts.batches({ page: 1, perPage: 20 });
    const selected = typeof batchParam === 'string' && UUID.test(batchParam) ? batchParam : batches.items[0]?.id;
    const payouts = selected ? await this.payouts.batchPayouts(selected) : [];
    const sellerNames = new Map((await this.sellers.findByIds(payouts.filter((p) => p.sellerId).map((p) => p.sellerId!))).map((s) => [s.id, s.name]));
    const done = ['ran', 'paid', 'failed'].find((d) => d === req.query.done);
    const error = typeof req.query.error === 'string' ? req.query.error.slice(0, 200) : null;
    this.views.page(req, res, 'ledger/admin-payouts', {
      titleKey: 'payouts.admin.title',
      minimum: money(this.payouts.minimum),
      bankFile: this.payouts.bankFile,
      batches: batches.items.map((b) => ({ ...b, selected: b.id === selected })),
      selected,
      payouts: payouts.map((p) => ({
        ...p,
        ownerName: p.sellerId ? (sellerNames.get(p.sellerId) ?? p.sellerId.slice(0, 8)) : t('payouts.cooperative', req.lang ?? 'id'),
        bankName: bankName(p.bankCode),
        statusKey: `payouts.status.${p.status}`,
        open: p.status === 'pending' || p.status === 'sent',
      })),
      done: done ? `payouts.admin.done.${done}` : null,
      error,
    });
  }

  @Post('admin/payouts/run')
  @Authenticated('admin')
  async runNow(@Req() req: Request, @Res() res: Response) {
    const result = await this.payouts.run({ requestedBy: (req.user as SignedInUser).id });
    res.redirect(303, `/dashboard/admin/payouts?batch=${result.batchId}&done=ran${req.lang === 'en' ? '&lang=en' : ''}`);
  }

  @Get('admin/payouts/batches/:id/transfers.csv')
  @Authenticated('admin')
  async transfers(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    // With Xendit the payouts leave by themselves: no file (the page shows no link either).
    if (!this.payouts.bankFile) throw conflict('Payouts go through Xendit: there is no bank file to download');
    const { file } = await this.payouts.send(id);
    res.status(200).type(file!.contentType).setHeader('Content-Disposition', `attachment; filename="${file!.name}"`).setHeader('Cache-Control', 'no-store').send(file!.body);
  }

  @Post('admin/payouts/:id/mark-paid')
  @Authenticated('admin')
  async markPaid(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.outcome(req, res, id, 'paid', () => this.payouts.markPaid(req.user as SignedInUser, id, str(req.body?.bankReference)));
  }

  @Post('admin/payouts/:id/mark-failed')
  @Authenticated('admin')
  async markFailed(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.outcome(req, res, id, 'failed', () => this.payouts.markFailed(req.user as SignedInUser, id, str(req.body?.reason)));
  }

  private async outcome(req: Request, res: Response, id: string, done: string, act: () => Promise<{ batchId: string }>) {
    const batch = typeof req.body?.batchId === 'string' && UUID.test(req.body.batchId) ? req.body.batchId : '';
    const lang = req.lang === 'en' ? '&lang=en' : '';
    try {
      const payout = await act();
      res.redirect(303, `/dashboard/admin/payouts?batch=${payout.batchId}&done=${done}${lang}`);
    } catch (error) {
      const problem = formError(error);
      res.redirect(303, `/dashboard/admin/payouts?batch=${batch}&error=${encodeURIComponent(problem.message.slice(0, 200))}${lang}#payout-${id}`);
    }
  }

  private async renderBalance(
    req: Request,
    res: Response,
    owner: Owner,
    form: { error?: string; values?: Partial<PayoutAccountInput>; feeError?: string; feeValue?: string },
    saved: string | null,
    status = 200,
  ) {
    const user = req.user as SignedInUser;
    const lang: Lang = req.lang ?? 'id';
    const isSeller = owner.type === 'seller';
    const [seller, cooperative, balances, statement, payouts, account, blockers, owners, fee] = await Promise.all([
      isSeller ? this.sellers.findById(owner.id) : null,
      isSeller ? null : this.cooperatives.view(owner.id),
      this.ledger.balances(owner.type, owner.id),
      this.ledger.statement(owner.type, owner.id, { page: 1, perPage: 20 }),
      this.payouts.listForOwner(owner, { page: 1, perPage: 20 }),
      this.accounts.account(owner),
      this.accounts.blockers(owner),
      isSeller ? this.sellers.owners([owner.id]) : null,
      isSeller ? null : this.fees.cooperativeFee(user, owner.id),
    ]);
    // Only the seller's owner, or the cooperative's own coop_admin, changes where its money goes.
    const isOwner = isSeller ? owners!.get(owner.id) === user.id : user.cooperativeId?.toLowerCase() === owner.id.toLowerCase() && user.roles.includes('coop_admin');
    const bankCode = form.values?.bankCode ?? account?.bankCode ?? '';
    this.views.page(
      req,
      res,
      'ledger/balance',
      {
        title: t('payouts.balance.title', lang, { name: seller?.name ?? cooperative?.name ?? '' }),
        seller,
        cooperative,
        accountAction: `/dashboard/${isSeller ? 'sellers' : 'cooperatives'}/${owner.id}/payout-account`,
        memberFee: fee
          ? { percent: form.feeValue ?? (fee.memberFeeBps / 100).toLocaleString(lang === 'en' ? 'en' : 'id-ID'), error: form.feeError, canSet: isOwner || user.roles.includes('admin') }
          : null,
        balances,
        lines: statement.items.map((l) => ({ ...l, typeKey: `payouts.entry.${l.type}`, accountKey: `payouts.account.${l.account}`, negative: l.amount.amount < 0 })),
        payouts: payouts.items.map((p) => ({ ...p, statusKey: `payouts.status.${p.status}`, bankName: bankName(p.bankCode) })),
        account: account ? { ...account, bankName: bankName(account.bankCode) } : null,
        blockers: blockers.blockers.map((b) => `payouts.blocker.${b}`),
        minimum: blockers.minimum,
        isOwner,
        banks: BANKS.map((b) => ({ code: b.code, name: b.name, selected: b.code === bankCode })),
        values: { accountHolderName: form.values?.accountHolderName ?? account?.accountHolderName ?? '' },
        error: form.error,
        saved: saved ? `payouts.saved.${saved}` : null,
      },
      { status },
    );
  }
}
