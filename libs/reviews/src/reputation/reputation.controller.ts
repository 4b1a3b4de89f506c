import { Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Public } from '#libs/identity';
import { ApiController, notFound } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { Reputation } from './reputation.service.js';

@ApiController('sellers', 'reviews')
export class ReputationController {
  constructor(
    private readonly reputation: Reputation,
    private readonly sellers: SellersService,
  ) {}

  @Get(':id/reputation')
  @Public()
  @ApiOperation({ summary: 'A seller’s reputation over the last 90 days, with the published thresholds and formulas and a monthly breakdown' })
  @ApiOkResponse({ description: '{ rating, reviewCount, onTimeShipping, cancellationRate, rfqResponseMedianHours, paidOrders, trusted, thresholds, formulas, checks, monthly }' })
  @ApiNotFoundResponse({ description: 'No such seller' })
  async show(@Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.sellers.findById(id))) throw notFound('Seller');
    return this.reputation.forSeller(id);
  }
}
