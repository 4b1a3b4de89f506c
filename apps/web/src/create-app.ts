import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createCsrf, SESSION_COOKIE } from '#libs/identity';
import {
  createValidationPipe,
  frontDoor,
  headersSetBy,
  negotiateLang,
  PinoNestLogger,
  ProblemFilter,
  PublicPages,
  projectRoot,
  limitFieldLength,
  Metrics,
  rejectNulBytes,
  requestContext,
  ViewService,
  type AppConfig,
  type Logger,
  type ProblemDetails,
} from '#libs/platform';
import { VisitCounter } from '#libs/reviews';
import { CatalogueEdge, SEARCH_PAGE_QUERY } from '#libs/search';
import { StorefrontEdge } from '#libs/storefronts';
import { AppModule } from './app.module.js';

/** The storefront editor frames the owner's draft preview (`/s/<slug>?preview=1`) from the same origin; every other page stays unframeable. */
function isDraftPreview(req: IncomingMessage): boolean {
  return /^\/s\/[^/?]+\?(?:[^#]*&)?preview=1(?:&|#|$)/.test(req.url ?? '');
}

/** Builds the configured web application (used by main, the tests and the benchmarks). */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    rawBody: true,
    bodyParser: false,
  });
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const secure = config.publicUrl.startsWith('https://');

  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Images may be redirected to the bucket's public URL (STORAGE_S3_PUBLIC_URL).
        imgSrc: ["'self'", 'data:', ...(config.storageS3?.publicUrl ? [new URL(config.storageS3.publicUrl).origin] : [])],
        // Checkout redirects to the gateway's page: Stripe, Xendit (its invoice pages; with XENDIT_API_BASE, that server's).
        formAction: ["'self'", 'https://checkout.stripe.com', 'https://checkout.xendit.co', ...(config.xenditApiBase ? [new URL(config.xenditApiBase).origin] : [])],
        frameAncestors: [(req: IncomingMessage) => (isDraftPreview(req) ? "'self'" : "'none'")],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
    crossOriginEmbedderPolicy: false,
  });
  // helmet's headers differ only for a draft preview: read once for each kind of page, set by the front door on every response.
  const pageHeaders = headersSetBy(securityHeaders, '/');
  const previewHeaders = headersSetBy(securityHeaders, '/s/preview?preview=1');
  const publicPages = app.get(PublicPages);
  // A session makes the page personal (the header): those visitors get the signed-in page, through the framework.
  publicPages.configure(
    [{ path: '/' }, { path: '/products/:id' }, { path: '/categories/:slug' }, { path: '/sellers' }, { path: '/sellers/:slug' }, { path: '/search', query: SEARCH_PAGE_QUERY }],
    [SESSION_COOKIE],
  );
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: true, parameterLimit: 2000 });
  app.use(cookieParser());
  app.use(rejectNulBytes);
  app.use(limitFieldLength);
  app.use((req: Request, res: Response, next: () => void) => {
    req.lang = negotiateLang(req.query.lang, req.cookies?.lang, req.header('accept-language'));
    if (typeof req.query.lang === 'string' && req.query.lang === req.lang && req.cookies?.lang !== req.lang) {
      res.cookie('lang', req.lang, { maxAge: 365 * 86_400_000, sameSite: 'lax', httpOnly: true, secure });
    }
    next();
  });
  const csrf = createCsrf(config.appSecret!, secure);
  app.use(csrf.protect);
  app.useStaticAssets(join(projectRoot(), 'apps/web/public'), { prefix: '/static/', maxAge: '7d', index: false });

  const views = app.get(ViewService);
  views.addContextProvider((req, res) => ({ user: req.user, csrfToken: csrf.tokenFor(req, res) }));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(logger, renderErrorPage(views)));

  // In front of the framework: every request is logged, timed and counted; stored storefronts and public pages are sent from memory, catalogue searches answered.
  const server = app.getHttpServer();
  const [framework] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on(
    'request',
    frontDoor({
      observers: [app.get(Metrics).observer(), requestContext(logger), app.get(VisitCounter).observe],
      edges: [app.get(StorefrontEdge).serve, publicPages.edge, app.get(CatalogueEdge).serve],
      headers: (req) => (isDraftPreview(req) ? previewHeaders : pageHeaders),
      framework: framework!,
    }),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pasar Kerthi API')
      .setDescription('Marketplace and storefront builder for Bali’s UMKM. Errors are RFC 9457 problem details.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Pasar Kerthi API' });
  return app;
}

/** Browsers asking for a page get an HTML error page; API clients get problem+json. */
function renderErrorPage(views: ViewService) {
  return (req: Request, res: Response, problem: ProblemDetails): boolean => {
    const wantsHtml = !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
    if (!wantsHtml) return false;
    if (problem.status === 401 && req.method === 'GET') {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return true;
    }
    const key = [401, 403, 404, 429].includes(problem.status) ? `error.${problem.status}` : 'error.generic';
    views.page(req, res, 'pages/error', { problem, messageKey: key, title: problem.title }, { status: problem.status });
    return true;
  };
}
