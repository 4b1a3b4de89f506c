import { Body, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { SellerDocumentsService } from './documents/seller-documents.service.js';
import { CreateDocumentDto, CreateSellerDto, SellerListQuery, UpdateSellerDto } from './sellers.dto.js';
import { SellersService } from './sellers.service.js';

@ApiController('sellers', 'sellers')
export class SellersController {
  constructor(
    private readonly sellers: SellersService,
    private readonly documents: SellerDocumentsService,
  ) {}

  @Post()
  @Authenticated('artisan', 'coop_admin')
  @ApiOperation({ summary: 'Create a business profile (slug from the name when absent)' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateSellerDto) {
    return this.sellers.create(user, body);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Public list of sellers, by name' })
  list(@Query() query: SellerListQuery) {
    return this.sellers.list(query);
  }

  @Get(':idOrSlug')
  @Public()
  @ApiOperation({ summary: 'A seller by id or slug: public fields, with its verification summary' })
  view(@Param('idOrSlug') idOrSlug: string, @CurrentUser() user?: SignedInUser) {
    return this.sellers.view(idOrSlug, user);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Edit a seller (owner or its coop_admin)' })
  update(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSellerDto) {
    return this.sellers.update(user, id, body);
  }

  @Post(':id/documents')
  @HttpCode(201)
  @Authenticated()
  @ApiOperation({ summary: 'Declare a formalisation document (pending until a curator decides)' })
  addDocument(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateDocumentDto) {
    return this.documents.add(user, id, body);
  }

  @Get(':id/documents')
  @Authenticated()
  @ApiOperation({ summary: "A seller's documents (owner, coop_admin, curator in scope)" })
  listDocuments(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.documents.list(user, id);
  }
}
