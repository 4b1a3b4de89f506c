import { Body, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiController, invalid, PageQuery, paged } from '#libs/platform';
import { Authenticated } from './auth.decorators.js';
import { CreateUserDto, UserView } from './auth.dto.js';
import { ROLES } from './roles.js';
import { toUserView, UsersService } from './users.service.js';

class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: string;
}

@ApiController('admin/users', 'identity')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Authenticated('admin')
  @ApiOperation({ summary: 'Create a curator, cooperative admin or admin account' })
  @ApiCreatedResponse({ type: UserView })
  async create(@Body() body: CreateUserDto) {
    if (body.role !== 'curator' && body.regency) throw invalid('regency', 'only a curator has a regency scope');
    if (body.role !== 'coop_admin' && body.cooperativeId) throw invalid('cooperativeId', 'only a coop_admin manages a cooperative');
    const user = await this.users.create({
      email: body.email,
      password: body.password,
      name: body.name,
      roles: [body.role],
      regency: body.role === 'curator' ? (body.regency ?? null) : null,
      cooperativeId: body.cooperativeId ?? null,
    });
    return toUserView(user);
  }

  @Get()
  @Authenticated('admin')
  @ApiOperation({ summary: 'List accounts, newest first' })
  async list(@Query() query: UserListQuery) {
    const [users, total] = await this.users.list(query.page, query.perPage, query.role);
    return paged(users.map(toUserView), total, query);
  }
}
