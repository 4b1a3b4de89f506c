import { Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FileUpload } from '#libs/catalogue';
import { Authenticated } from '#libs/identity';
import { RateLimit, ViewService } from '#libs/platform';
import { MAX_STATEMENT_BYTES } from './bank-statement.js';
import { BankTransfers, type StatementResult } from './bank-transfers.service.js';
import { TransferRefunds } from './transfer-refunds.service.js';

const detailOf = (error: HttpException) => {
  const body = error.getResponse() as { detail?: string; errors?: Array<{ field: string; message: string }> };
  return body.errors?.length ? body.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : (body.detail ?? error.message);
};

/**
 * The admin's transfers page: bank-transfer payments awaiting confirmation (confirm one, or upload
 * the bank's statement to confirm every exact match), and transfers owed back to buyers. The
 * statement form posts multipart with the CSRF token in its action URL (the body is read after the check).
 */
@Controller('dashboard/admin/transfers')
@ApiExcludeController()
export class AdminTransfersPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly transfers: BankTransfers,
    private readonly refunds: TransferRefunds,
  ) {}

  @Get()
  @Authenticated('admin')
  async page(@Req() req: Request, @Res() res: Response) {
    await this.render(req, res, {});
  }

  @Post(':paymentId/confirm')
  @Authenticated('admin')
  async confirm(@Req() req: Request, @Res() res: Response, @Param('paymentId', ParseUUIDPipe) paymentId: string) {
    try {
      const { orderIds } = await this.transfers.confirm(req.user!, paymentId);
      res.redirect(303, `/dashboard/admin/transfers?confirmed=${orderIds.length}`);
    } catch (error) {
      if (!(error instanceof HttpException) || ![404, 409, 422].includes(error.getStatus())) throw error;
      await this.render(req, res, { formError: detailOf(error) }, error.getStatus());
    }
  }

  @Post('statement')
  @Authenticated('admin')
  @RateLimit('import')
  @UseInterceptors(FileUpload('file', MAX_STATEMENT_BYTES))
  async statement(@Req() req: Request, @Res() res: Response, @UploadedFile() file: Express.Multer.File | undefined) {
    try {
      const result = await this.transfers.importStatement(req.user!, file);
      await this.render(req, res, { result: summary(result) });
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 422) throw error;
      await this.render(req, res, { formError: detailOf(error) }, 422);
    }
  }

  private async render(req: Request, res: Response, extra: Record<string, unknown>, status = 200) {
    const [pending, owed] = await Promise.all([this.transfers.pending({ page: 1, perPage: 100 }), this.refunds.due({ page: 1, perPage: 100 })]);
    const confirmed = Number(req.query.confirmed);
    this.views.page(
      req,
      res,
      'commerce/admin-transfers',
      { pending, owed, confirmed: Number.isInteger(confirmed) && confirmed > 0 ? confirmed : undefined, titleKey: 'transfers.title', ...extra },
      { status },
    );
  }
}

function summary(result: StatementResult) {
  const groups = (['matched', 'alreadyPaid', 'amountMismatch', 'unmatched'] as const).map((key) => ({
    key,
    titleKey: `transfers.result.${key}`,
    items: result[key].map((m) => ({ ...m, reasonKey: m.reason ? `transfers.reason.${m.reason}` : undefined })),
  }));
  return { lines: result.lines, groups: groups.filter((g) => g.items.length > 0) };
}
