import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery } from '#libs/platform';
import { CooperativeMembership } from './cooperative-membership.service.js';
import { CooperativesService } from './cooperatives.service.js';
import { CreateCooperativeDto, SellerIdDto } from '../sellers.dto.js';
import { SellersService } from '../sellers.service.js';

@ApiController('cooperatives', 'sellers')
export class CooperativesController {
  constructor(
    private readonly cooperatives: CooperativesService,
    private readonly sellers: SellersService,
    private readonly membership: CooperativeMembership,
  ) {}

  @Post()
  @Authenticated('admin', 'coop_admin')
  @ApiOperation({ summary: 'Register a cooperative (a coop_admin becomes its administrator)' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateCooperativeDto) {
    return this.cooperatives.create(user, body);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A cooperative with its member count' })
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.cooperatives.view(id);
  }

  @Get(':id/members')
  @Public()
  @ApiOperation({ summary: "A cooperative's sellers (public fields)" })
  async members(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery) {
    await this.cooperatives.view(id);
    return this.sellers.members(id, query);
  }

  @Post(':id/members')
  @Authenticated()
  @ApiOperation({ summary: 'Join the cooperative with your own seller (its owner only; a coop_admin sends an invitation instead)' })
  addMember(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SellerIdDto) {
    return this.membership.join(user, id, body.sellerId);
  }
}
