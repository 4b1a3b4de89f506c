import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { CreateFeaturedDto } from './curation.dto.js';
import { FeaturedService } from './featured.service.js';

@ApiController('curation/featured', 'curation')
export class CurationFeaturedController {
  constructor(private readonly featured: FeaturedService) {}

  @Post()
  @HttpCode(201)
  @Authenticated('curator')
  @ApiOperation({ summary: 'Feature a seller in scope for a time window, optionally in a named collection' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateFeaturedDto) {
    return this.featured.create(user, body);
  }

  @Get()
  @Authenticated('curator')
  @ApiOperation({ summary: 'Current and upcoming features in the curator’s scope' })
  async list(@CurrentUser() user: SignedInUser) {
    return { items: await this.featured.managed(user) };
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('curator')
  @ApiOperation({ summary: 'End a feature (removes it)' })
  async remove(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.featured.remove(user, id);
  }
}

@ApiController('featured', 'curation')
export class FeaturedController {
  constructor(private readonly featured: FeaturedService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Sellers featured now, each with its collection, and the same grouped by collection' })
  active() {
    return this.featured.active();
  }
}
