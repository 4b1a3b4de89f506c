import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { FileUpload, imageView, MAX_IMAGE_BYTES, MediaService } from '#libs/catalogue';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, forbidden, invalid, RateLimit } from '#libs/platform';
import { DataSource } from 'typeorm';
import { BuyerStepDto, DecisionDto, DisputeListQuery, OpenDisputeDto, RespondDto } from './disputes.dto.js';
import { DisputesService } from './disputes.service.js';

const VIEW =
  '{ id, orderId, buyerId, sellerId, status: open|rejected|offered|escalated|resolved, reason, description, requested, amount?, offered?, photos, sellerDueAt, outcome?, outcomeAmount?, resolvedAt?, createdAt, actions, thread: [{ at, authorId, authorName, role, action, message?, amount? }] }';

/** Disputes (komplain): API.md "Disputes". */
@ApiController('', 'disputes')
export class DisputesController {
  constructor(
    private readonly disputes: DisputesService,
    private readonly media: MediaService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('orders/:id/disputes')
  @Authenticated()
  @ApiOperation({ summary: 'The buyer complains about a shipped or delivered order, within DISPUTE_WINDOW_HOURS of delivery (one open dispute per order)' })
  @ApiCreatedResponse({ description: '{ id, status: "open", sellerDueAt }' })
  open(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OpenDisputeDto) {
    return this.disputes.open(user, id, dto);
  }

  @Post('dispute-photos')
  @Authenticated()
  @RateLimit('upload')
  @UseInterceptors(FileUpload('file', MAX_IMAGE_BYTES))
  @ApiOperation({ summary: 'Upload a photo for a dispute (JPEG, PNG or WebP, at most 8 MB), then list its id in the dispute’s `photoIds`' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '{ id, url, srcset, width, height }' })
  async upload(@CurrentUser() user: SignedInUser, @UploadedFile() file: Express.Multer.File | undefined) {
    // Uploads cost storage: only a buyer with an order a dispute can concern may add photos (commerce's public view).
    const [order] = await this.dataSource.query(`SELECT 1 FROM commerce_orders_v WHERE buyer_id = $1 AND status IN ('shipped', 'delivered') LIMIT 1`, [user.id]);
    if (!order) throw forbidden('Only a buyer with a shipped or delivered order may upload dispute photos');
    if (!file) throw invalid('file', 'is required (multipart field "file")');
    const { id, url, srcset, width, height } = imageView(await this.media.storeForUser(user.id, file));
    return { id, url, srcset, width, height };
  }

  @Get('disputes')
  @Authenticated()
  @ApiOperation({ summary: 'Disputes the caller may see: as buyer, as a seller’s manager, as staff in scope' })
  @ApiOkResponse({ description: '{ items: [dispute without thread], total, page, perPage }' })
  list(@CurrentUser() user: SignedInUser, @Query() query: DisputeListQuery) {
    return this.disputes.list(user, query);
  }

  @Get('disputes/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One dispute with its thread (its buyer, the seller’s managers, staff in scope; else 404)' })
  @ApiOkResponse({ description: VIEW })
  view(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.disputes.view(user, id);
  }

  @Post('disputes/:id/response')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'The seller accepts (what the buyer asked for is applied), rejects, or offers a partial refund' })
  @ApiOkResponse({ description: VIEW })
  respond(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RespondDto) {
    return this.disputes.respond(user, id, dto);
  }

  @Post('disputes/:id/escalate')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer asks the platform to decide, after the seller rejected or offered' })
  @ApiOkResponse({ description: VIEW })
  escalate(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BuyerStepDto) {
    return this.disputes.escalate(user, id, dto.message);
  }

  @Post('disputes/:id/accept-offer')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer accepts the seller’s partial refund offer: the dispute resolves with it' })
  @ApiOkResponse({ description: VIEW })
  acceptOffer(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BuyerStepDto) {
    return this.disputes.acceptOffer(user, id, dto.message);
  }

  @Post('disputes/:id/decision')
  @Authenticated('admin', 'curator')
  @HttpCode(200)
  @ApiOperation({ summary: 'An admin or a curator of the seller’s regency decides an escalated dispute (audit log)' })
  @ApiOkResponse({ description: VIEW })
  decide(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionDto) {
    return this.disputes.decide(user, id, dto);
  }
}
