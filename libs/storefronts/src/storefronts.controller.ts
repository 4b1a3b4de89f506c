import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery, paged, RateLimit } from '#libs/platform';
import { RollbackDto, StorefrontDocumentDto } from './storefront.dto.js';
import { StorefrontsService, VERSIONS_KEPT } from './storefronts.service.js';
import { ThemeRegistry } from './theme-registry.js';

@ApiController('storefront-themes', 'storefronts')
export class StorefrontThemesController {
  constructor(private readonly themes: ThemeRegistry) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The built-in themes with their settings, section types and blocks (what a storefront draft may contain)' })
  @ApiOkResponse({ description: '[{ key, name, settings, sections: [{ type, name, settings, blocks?, maxBlocks? }] }]' })
  list() {
    return this.themes.list().map(({ schema }) => schema);
  }
}

@ApiController('sellers', 'storefronts')
export class StorefrontsController {
  constructor(private readonly storefronts: StorefrontsService) {}

  @Get(':id/storefront')
  @Authenticated()
  @ApiOperation({ summary: "A seller's storefront draft and live version (its owner or cooperative admin); a default draft until one is saved" })
  @ApiOkResponse({ description: '{ draft, published, publishedVersion }' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SignedInUser) {
    return this.storefronts.state(user, id);
  }

  @Put(':id/storefront')
  @Authenticated()
  @ApiOperation({ summary: 'Save the draft; invalid → 422 naming the path of each bad value (e.g. sections[2].settings.heading)' })
  @ApiOkResponse({ description: '{ draft, published, publishedVersion }' })
  save(@Param('id', ParseUUIDPipe) id: string, @Body() body: StorefrontDocumentDto, @CurrentUser() user: SignedInUser) {
    return this.storefronts.saveDraft(user, id, { ...body });
  }

  @Post(':id/storefront/publish')
  @Authenticated()
  @RateLimit('publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the draft as a new version' })
  @ApiOkResponse({ description: '{ version }' })
  publish(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SignedInUser) {
    return this.storefronts.publish(user, id);
  }

  @Post(':id/storefront/rollback')
  @Authenticated()
  @RateLimit('publish')
  @HttpCode(200)
  @ApiOperation({ summary: `Republish an earlier version as a new version (it becomes the draft too); 404 for a version no longer kept (only the last ${VERSIONS_KEPT} are)` })
  @ApiOkResponse({ description: '{ version }' })
  rollback(@Param('id', ParseUUIDPipe) id: string, @Body() body: RollbackDto, @CurrentUser() user: SignedInUser) {
    return this.storefronts.rollback(user, id, body.version);
  }

  @Get(':id/storefront/versions')
  @Authenticated()
  @ApiOperation({ summary: `The published versions kept, newest first: only the last ${VERSIONS_KEPT} (and the live one) are kept, older ones are deleted` })
  @ApiOkResponse({ description: '{ items: [{ version, theme, publishedAt, publishedBy, restoredFrom, live }], total, page, perPage }' })
  async versions(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery, @CurrentUser() user: SignedInUser) {
    const all = await this.storefronts.versions(user, id);
    return paged(all.slice((query.page - 1) * query.perPage, query.page * query.perPage), all.length, query);
  }
}
