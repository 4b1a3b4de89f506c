import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { join } from 'node:path';
import { Public } from '#libs/identity';
import { projectRoot, t, ViewService, type Lang } from '#libs/platform';

/** The site's colours (apps/web/public/app.css: --primary, --bg), for the browser's own UI. */
export const THEME_COLOR = '#9a3412';
const BACKGROUND_COLOR = '#fafaf9';
const PUBLIC = join(projectRoot(), 'apps/web/public');

/**
 * What a browser asks the site for by itself: the favicon at its fixed address, the web app
 * manifest (adding Pasar Kerthi to an Android home screen), the service worker at the root (so
 * its scope is the whole site) and the offline page it shows when a page cannot be loaded.
 */
@Controller()
@ApiExcludeController()
export class AppShellController {
  constructor(private readonly views: ViewService) {}

  @Get('favicon.ico')
  @Public()
  favicon(@Res() res: Response) {
    res.sendFile('icons/favicon.ico', { root: PUBLIC, maxAge: '7d' });
  }

  @Get('manifest.webmanifest')
  @Public()
  manifest(@Res() res: Response) {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('application/manifest+json').send(
      JSON.stringify({
        name: t('site.name', 'id'),
        short_name: t('site.name', 'id'),
        description: t('home.hero', 'id'),
        lang: 'id',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        icons: [
          { src: '/static/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/static/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/static/icons/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      }),
    );
  }

  /** Served fresh each time: browsers look for a new worker on their own, and a stale one would linger. */
  @Get('sw.js')
  @Public()
  serviceWorker(@Res() res: Response) {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('sw.js', { root: PUBLIC, cacheControl: false });
  }

  @Get('offline')
  @Public()
  offline(@Req() req: Request, @Res() res: Response) {
    const other: Lang = req.lang === 'en' ? 'id' : 'en';
    this.views.page(req, res, 'pages/offline', {
      titleKey: 'offline.title',
      other: { lang: other, title: t('offline.title', other), body: t('offline.body', other) },
    });
  }
}
