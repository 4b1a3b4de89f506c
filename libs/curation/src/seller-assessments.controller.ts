import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, t, ViewService } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { AssessmentsService } from './assessments.service.js';
import { KURASI_CRITERIA } from './kurasi-grade.js';

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

/** The seller's page of kurasi grades and feedback, for its managers. */
@Controller('dashboard/sellers')
@ApiExcludeController()
export class SellerGradesPageController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly sellers: SellersService,
    private readonly views: ViewService,
  ) {}

  @Get(':id/kurasi')
  @Authenticated()
  async page(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const history = await this.assessments.list(req.user!, id);
    const seller = await this.sellers.managedView(id);
    this.views.page(req, res, 'curation/seller-grades', {
      title: `${t('curation.kurasi.history', req.lang)} — ${seller.name}`,
      seller,
      history: history.map((a) => ({ ...a, scores: KURASI_CRITERIA.map((key) => ({ label: t(`curation.criterion.${key}`, req.lang), value: a.scores[key] })) })),
    });
  }
}
