import { Body, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { exportRequirements, parseRequirementQuery } from './export-documents.js';
import { ExportProfileDto, ReadinessSummaryQueryDto, RequirementsQueryDto } from './export.dto.js';
import { ExportProfilesService } from './export-profiles.service.js';
import { ExportReadinessService } from './export-readiness.service.js';

@ApiController('', 'export')
export class ExportController {
  constructor(
    private readonly profiles: ExportProfilesService,
    private readonly readiness: ExportReadinessService,
  ) {}

  @Get('sellers/:id/export-profile')
  @Authenticated()
  @ApiOperation({ summary: 'A seller’s export profile (its managers); blank until first saved' })
  getProfile(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.profiles.get(user, id);
  }

  @Put('sellers/:id/export-profile')
  @Authenticated()
  @ApiOperation({ summary: 'Replace a seller’s export profile (its managers)' })
  putProfile(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ExportProfileDto) {
    return this.profiles.put(user, id, body);
  }

  @Get('sellers/:id/export-readiness')
  @Authenticated()
  @ApiOperation({ summary: 'Export-readiness score, level, dimensions and a bilingual checklist (owner, coop_admin, curator in scope)' })
  assess(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.readiness.assess(user, id);
  }

  @Get('export/requirements')
  @Public()
  @ApiOperation({ summary: 'Documents needed to export goods of an HS code to a destination (ISO country or EU)' })
  @ApiOkResponse({ description: '{ documents: [{ key, name, issuer, why }] }' })
  requirements(@Query() query: RequirementsQueryDto) {
    return { documents: exportRequirements(parseRequirementQuery(query.hsCode, query.destination)) };
  }

  @Get('export/readiness-summary')
  @Authenticated('curator', 'admin')
  @ApiOperation({ summary: 'Readiness per regency for curators (a regency curator: their own regency only)' })
  summary(@CurrentUser() user: SignedInUser, @Query() query: ReadinessSummaryQueryDto) {
    return this.readiness.summary(user, query.regency);
  }
}
