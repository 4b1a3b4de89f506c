import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Public } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { CategoriesService } from './categories.service.js';

@ApiController('categories', 'catalogue')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The category tree with bilingual names and HS heading hints' })
  @ApiOkResponse({ description: '[{ slug, name: Text, hsHeadings: string[], children: [...] }]' })
  tree() {
    return this.categories.tree();
  }
}
