import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { SellersService } from './sellers.service.js';

@ApiController('me/sellers', 'sellers')
export class MySellersController {
  constructor(private readonly sellers: SellersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The caller's sellers, and those of the cooperative they administer" })
  async list(@CurrentUser() user: SignedInUser) {
    return { items: await this.sellers.mine(user) };
  }
}
