import { Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type SignedInUser } from '#libs/identity';
import { Problem } from '#libs/platform';
import { CooperativeMembership } from './cooperative-membership.service.js';
import { SellersService } from '../sellers.service.js';

/** What the dashboard says after a membership form: `?done=` and `?error=` take only these codes. */
export const MEMBERSHIP_DONE = ['invited', 'accepted', 'declined', 'left'] as const;
export const MEMBERSHIP_ERRORS = ['sellerNotFound', 'cannotInvite', 'cannotAccept', 'decided', 'notMember'] as const;
type MembershipError = (typeof MEMBERSHIP_ERRORS)[number];

/**
 * The dashboard's membership forms, without JavaScript: the owner accepts or declines an
 * invitation or leaves; the coop_admin invites a seller by its page address or id. Each form
 * posts here and returns to the dashboard, which says what happened.
 */
@Controller('dashboard')
@ApiExcludeController()
export class CooperativeMembershipPagesController {
  constructor(
    private readonly membership: CooperativeMembership,
    private readonly sellers: SellersService,
  ) {}

  @Post('cooperative/invitations')
  @Authenticated('coop_admin')
  async invite(@Req() req: Request, @Res() res: Response) {
    const user = req.user as SignedInUser;
    const reference = typeof req.body?.seller === 'string' ? req.body.seller.trim().slice(0, 100) : '';
    const seller = reference ? await this.sellers.findByIdOrSlug(reference) : null;
    if (!seller || !user.cooperativeId) return res.redirect(303, '/dashboard?error=sellerNotFound');
    await this.outcome(res, 'invited', { 409: 'cannotInvite' }, () => this.membership.invite(user, user.cooperativeId!, seller.id));
  }

  @Post('cooperative-invitations/:id/accept')
  @Authenticated()
  async accept(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.outcome(res, 'accepted', { 409: 'cannotAccept' }, () => this.membership.accept(req.user as SignedInUser, id));
  }

  @Post('cooperative-invitations/:id/decline')
  @Authenticated()
  async decline(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.outcome(res, 'declined', { 409: 'decided' }, () => this.membership.decline(req.user as SignedInUser, id));
  }

  @Post('sellers/:id/leave-cooperative')
  @Authenticated()
  async leave(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.outcome(res, 'left', { 409: 'notMember' }, () => this.membership.leave(req.user as SignedInUser, id));
  }

  /** Back to the dashboard with `done`, or with the code for an expected refusal; other errors show the error page. */
  private async outcome(res: Response, done: (typeof MEMBERSHIP_DONE)[number], refusals: Partial<Record<number, MembershipError>>, act: () => Promise<unknown>) {
    try {
      await act();
      res.redirect(303, `/dashboard?done=${done}`);
    } catch (error) {
      const code = error instanceof Problem ? refusals[error.getStatus()] : undefined;
      if (!code) throw error;
      res.redirect(303, `/dashboard?error=${code}`);
    }
  }
}
