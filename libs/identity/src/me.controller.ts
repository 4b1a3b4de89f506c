import { Body, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '#libs/platform';
import { Authenticated, CurrentUser } from './auth.decorators.js';
import { UpdateMeDto, UserView } from './auth.dto.js';
import type { CurrentUser as User } from './roles.js';
import { toUserView, UsersService } from './users.service.js';

@ApiController('me', 'identity')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() user: User) {
    return user;
  }

  @Patch()
  @Authenticated()
  @ApiOperation({ summary: 'Change your name or language' })
  @ApiOkResponse({ type: UserView })
  async update(@CurrentUser() user: User, @Body() body: UpdateMeDto) {
    return toUserView(await this.users.update(user.id, body));
  }
}
