import { afterAll, beforeAll, expect } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './test-app.js';

/** The Chromium the global setup chose (CHROMIUM_PATH: see global-setup.ts); playwright-core never downloads one. */
function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

/** A local server standing in for an outside service (SMTP, Xendit…): the app's env to reach it, and how to stop it. */
export interface StandIn {
  env: Record<string, string>;
  close: () => Promise<unknown>;
}

export interface BrowserAppOptions<S extends StandIn | undefined> {
  /** createTestApp's overrides for this app only (they win over the stand-in's). */
  env?: Record<string, string>;
  worker?: boolean;
  /** Started before the app, which gets its env; closed after the app. */
  standIn?: () => Promise<S>;
}

/** The test app as a browser sees it. Its fields are set once the describe's beforeAll has run. */
export interface BrowserTestApp<S extends StandIn | undefined = undefined> extends TestApp {
  /** Where the app listens, e.g. `http://127.0.0.1:41234`. */
  base: string;
  standIn: S;
  /** A fresh context at the viewport, in Indonesian unless `locale` says otherwise; the test closes it. */
  context: (viewport: ViewportName, options?: Pick<BrowserContextOptions, 'locale' | 'javaScriptEnabled'>) => Promise<BrowserContext>;
}

/**
 * For the describe it is called in: before all its tests, the test app (and the stand-in first)
 * listening on a free port; after them, Chromium, the app and the stand-in closed. Chromium starts
 * with the first context, so a describe whose other tests need no browser does not run one.
 */
export function useBrowserApp<S extends StandIn | undefined = undefined>(options: BrowserAppOptions<S> = {}): BrowserTestApp<S> {
  const site = {} as BrowserTestApp<S>;
  let app: TestApp | undefined;
  let standIn: S | undefined;
  let browser: Promise<Browser> | undefined;
  beforeAll(async () => {
    standIn = await options.standIn?.();
    app = await createTestApp({ worker: options.worker, env: { ...standIn?.env, ...options.env } });
    Object.assign(site, app, {
      base: await app.listen(),
      standIn: standIn as S,
      context: async (viewport, { locale = 'id-ID', ...rest } = {}) => (await (browser ??= launchBrowser())).newContext({ ...VIEWPORTS[viewport], locale, ...rest }),
    } satisfies Pick<BrowserTestApp<S>, 'base' | 'standIn' | 'context'>);
  });
  afterAll(async () => {
    // A launch that failed has failed the test that asked for it; the app and stand-in still close.
    await (await browser?.catch(() => undefined))?.close();
    await app?.close();
    await standIn?.close();
  });
  return site;
}

export interface SignInOptions {
  /** The address whose page shows the sign-in form, opened first (a guarded page shows it in place); false when the page already shows it. */
  open?: string | false;
  /** The page the form leads to, as page.waitForURL takes it; by default any page but /login. */
  landsOn?: Parameters<Page['waitForURL']>[0];
}

/** Signs `who` in through the /login form, as a person would, and waits for the page it leads to. */
export async function signInAs(
  page: Page,
  base: string,
  who: { email: string; password: string },
  { open = '/login', landsOn = (url) => !url.pathname.startsWith('/login') }: SignInOptions = {},
): Promise<void> {
  if (open !== false) await page.goto(`${base}${open}`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForURL(landsOn), page.click('form[action="/login"] button[type=submit]')]);
}

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots and checks nothing overflows sideways. */
export async function snap(page: Page, name: string): Promise<{ overflow: number }> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  // Runs in the page, where `document` exists; the test's own lib has no DOM types.
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  return { overflow };
}

const AXE_SOURCE = join(process.cwd(), 'node_modules/axe-core/axe.min.js');
// WCAG 2.0/2.1 A and AA, plus alt text that repeats its link's text (read twice by a screen reader).
const AXE_RUN = `axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: { 'image-redundant-alt': { enabled: true } },
  resultTypes: ['violations'],
})
  .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`;
/** True when the page runs scripts: only then is <noscript> content parsed as text rather than elements. */
const SCRIPTING_ON = `(() => { const probe = document.createElement('div'); probe.innerHTML = '<noscript><p></p></noscript>'; return probe.querySelector('noscript p') === null; })()`;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * axe is evaluated rather than added as a <script> tag, which the pages' CSP (script-src 'self')
 * refuses. It needs timers, which never fire where JavaScript is disabled: such a page is checked
 * as a twin, the same markup served at the same address to a page that runs scripts, same size.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (await page.evaluate(SCRIPTING_ON)) {
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
    return (await page.evaluate(AXE_RUN)) as AxeViolation[];
  }
  const [url, html] = [page.url(), await page.content()];
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
  try {
    const twin = await context.newPage();
    await twin.route(
      (address) => address.href === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await twin.goto(url);
    await twin.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
    return (await twin.evaluate(AXE_RUN)) as AxeViolation[];
  } finally {
    await context.close();
  }
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules (and image-redundant-alt) over the page as it
 * stands and fails listing each violation: rule, impact, the first elements it found, what to do.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const report = (await axeViolations(page)).map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}, ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
  expect({ page: label, url: page.url(), violations: report }).toEqual({ page: label, url: page.url(), violations: [] });
}
