import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import { ViewService } from '#libs/platform';

@Controller()
@ApiExcludeController()
export class HomePageController {
  constructor(private readonly views: ViewService) {}

  @Get()
  @Public()
  home(@Req() req: Request, @Res() res: Response) {
    this.views.page(req, res, 'pages/home', { titleKey: 'home.title' });
  }
}
