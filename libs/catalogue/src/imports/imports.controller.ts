import { Get, HttpCode, Param, ParseUUIDPipe, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, RateLimit } from '#libs/platform';
import { CSV_COLUMNS } from './catalogue-csv.js';
import { FileUpload } from '../media/file-upload.interceptor.js';
import { ImportsService, MAX_IMPORT_ROWS } from './imports.service.js';

export const MAX_CSV_BYTES = 20 * 1024 * 1024;

@ApiController('', 'catalogue')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('sellers/:sellerId/imports')
  @Authenticated()
  @RateLimit('import')
  @HttpCode(202)
  @UseInterceptors(FileUpload('file', MAX_CSV_BYTES))
  @ApiOperation({
    summary: `Queue a CSV import (columns: ${CSV_COLUMNS.join(', ')}); rows with one handle are one product's variants; at most ${MAX_CSV_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS} rows, else 422 naming file`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ description: '{ id, status: "queued" }' })
  submit(@Param('sellerId', ParseUUIDPipe) sellerId: string, @UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: SignedInUser) {
    return this.imports.submit(user, sellerId, file);
  }

  @Get('imports/:id')
  @Authenticated()
  @ApiOperation({ summary: "An import's progress and the rows it refused" })
  @ApiOkResponse({ description: '{ id, status, total, processed, created, updated, errors: [{ row, field, message }] }' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SignedInUser) {
    return this.imports.view(user, id);
  }
}
