import { Get, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { FileUpload } from '#libs/catalogue';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery, RateLimit } from '#libs/platform';
import { MAX_STATEMENT_BYTES, MAX_STATEMENT_ROWS } from './bank-statement.js';
import { BankTransfers } from './bank-transfers.service.js';

const STATEMENT_RESULT =
  '{ matched: [{ row, date, description, amount, reference, paymentId, orderIds }], alreadyPaid: [...], amountMismatch: [{ ..., expected }], unmatched: [{ row, date, description, amount, reference?, reason }], lines }';
const STATEMENT_SUMMARY = `Confirm bank transfers from the bank's statement (mutasi rekening): CSV with a header row tanggal,keterangan,jumlah (or date,description,amount), amounts in whole rupiah (250000, 250.000, Rp 250.000,00); each line naming a pending payment's PK-… reference with exactly its amount marks its orders paid. Uploading it again confirms nothing twice. At most ${MAX_STATEMENT_BYTES / 1024 / 1024} MB and ${MAX_STATEMENT_ROWS} lines`;

/** Bank transfers into the platform's account awaiting an admin's confirmation. */
@ApiController('admin', 'commerce')
export class BankTransfersController {
  constructor(private readonly transfers: BankTransfers) {}

  @Get('bank-transfers')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Bank-transfer payments with orders still awaiting payment (oldest first)' })
  @ApiOkResponse({ description: '{ items: [{ paymentId, reference, amount, buyer: { id, name }, orderIds, createdAt, payBy }], total, page, perPage }' })
  pending(@Query() query: PageQuery) {
    return this.transfers.pending(query);
  }

  @Post('bank-statements')
  @Authenticated('admin')
  @RateLimit('import')
  @HttpCode(200)
  @UseInterceptors(FileUpload('file', MAX_STATEMENT_BYTES))
  @ApiOperation({ summary: STATEMENT_SUMMARY })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ description: STATEMENT_RESULT })
  statement(@CurrentUser() admin: SignedInUser, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.transfers.importStatement(admin, file);
  }

  /** The same, at the path API.md ("Settlement") names. */
  @Post('bank-transfers/statement')
  @Authenticated('admin')
  @RateLimit('import')
  @HttpCode(200)
  @UseInterceptors(FileUpload('file', MAX_STATEMENT_BYTES))
  @ApiOperation({ summary: `${STATEMENT_SUMMARY} (same as POST /admin/bank-statements)` })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ description: STATEMENT_RESULT })
  statementAlias(@CurrentUser() admin: SignedInUser, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.transfers.importStatement(admin, file);
  }
}
