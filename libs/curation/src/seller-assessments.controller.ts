import { Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { AssessmentsService } from './assessments.service.js';

/** The seller's side of kurasi: its managers read the grades and feedback. */
@ApiController('sellers', 'curation')
export class SellerAssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get(':id/assessments')
  @Authenticated()
  @ApiOperation({ summary: "A seller's kurasi grades and feedback, newest first (owner, coop_admin, curator in scope)" })
  list(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.assessments.list(user, id);
  }
}
