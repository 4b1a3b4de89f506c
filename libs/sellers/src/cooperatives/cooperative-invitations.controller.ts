import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery } from '#libs/platform';
import { CooperativeMembership } from './cooperative-membership.service.js';
import { InvitationListQuery, SellerIdDto } from '../sellers.dto.js';

/** Invitations to join a cooperative, and leaving one: the seller's owner decides. */
@ApiController('', 'sellers')
export class CooperativeInvitationsController {
  constructor(private readonly membership: CooperativeMembership) {}

  @Post('cooperatives/:id/invitations')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: 'Invite a seller to the cooperative (its coop_admin); it joins only when its owner accepts' })
  invite(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SellerIdDto) {
    return this.membership.invite(user, id, body.sellerId);
  }

  @Get('cooperatives/:id/invitations')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: "The cooperative's invitations, newest first (its coop_admin)" })
  forCooperative(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: InvitationListQuery) {
    return this.membership.forCooperative(user, id, query);
  }

  @Get('sellers/:id/cooperative-invitations')
  @Authenticated()
  @ApiOperation({ summary: "A seller's pending invitations, with the cooperatives' names (its owner)" })
  forSeller(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery) {
    return this.membership.pendingForSeller(user, id, query);
  }

  @Post('cooperative-invitations/:id/accept')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: "Accept an invitation (the seller's owner): the seller joins the cooperative" })
  accept(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.membership.accept(user, id);
  }

  @Post('cooperative-invitations/:id/decline')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: "Decline an invitation (the seller's owner)" })
  decline(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.membership.decline(user, id);
  }

  @Post('sellers/:id/leave-cooperative')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Take the seller out of its cooperative (its owner only); the coop_admin loses access' })
  leave(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.membership.leave(user, id);
  }
}
