import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { AssessmentsService } from './assessments.service.js';
import { CreateAssessmentDto, DocumentDecisionDto, ReasonDto, RegencyChangeDto } from './curation.dto.js';
import { SellerRegencyService } from './seller-regency.service.js';
import { VerificationService } from './verification.service.js';

/** Verification and kurasi acts of a curator, each checked against the curator's scope and audit-logged. */
@ApiController('curation', 'curation')
export class CurationController {
  constructor(
    private readonly verification: VerificationService,
    private readonly assessments: AssessmentsService,
    private readonly regencies: SellerRegencyService,
  ) {}

  @Get('queue')
  @Authenticated('curator')
  @ApiOperation({ summary: 'Pending documents and unverified sellers in scope (oldest first), and documents expiring within 30 days' })
  queue(@CurrentUser() user: SignedInUser) {
    return this.verification.queue(user);
  }

  @Post('documents/:id/decision')
  @HttpCode(200)
  @Authenticated('curator')
  @ApiOperation({ summary: 'Approve or reject a pending document (a rejection needs a reason, which the seller sees)' })
  decide(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: DocumentDecisionDto) {
    return this.verification.decide(user, id, body.decision, body.reason);
  }

  @Post('sellers/:id/suspend')
  @HttpCode(200)
  @Authenticated('curator')
  @ApiOperation({ summary: 'Suspend a seller: hidden from pages and search until reinstated' })
  suspend(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto) {
    return this.verification.suspend(user, id, body.reason);
  }

  @Post('sellers/:id/reinstate')
  @HttpCode(200)
  @Authenticated('curator')
  @ApiOperation({ summary: 'Lift a suspension' })
  reinstate(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto) {
    return this.verification.reinstate(user, id, body.reason);
  }

  @Post('sellers/:id/regency')
  @HttpCode(200)
  @Authenticated('curator', 'admin')
  @ApiOperation({ summary: 'Move a seller to another regency, with a reason (a regency curator: only sellers of their regency)' })
  moveRegency(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RegencyChangeDto) {
    return this.regencies.move(user, id, body.regency, body.reason);
  }

  @Post('sellers/:id/assessments')
  @HttpCode(201)
  @Authenticated('curator')
  @ApiOperation({ summary: 'Kurasi: six scores 1–5 → grade A–D, with feedback to the seller' })
  assess(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateAssessmentDto) {
    return this.assessments.create(user, id, body);
  }

  @Get('sellers/:id/assessments')
  @Authenticated('curator')
  @ApiOperation({ summary: "A seller's kurasi history, newest first" })
  assessmentHistory(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.assessments.list(user, id);
  }
}
