import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectAccessible, useBrowserApp, type ViewportName } from './support/browser.js';

/** Collects what a visitor's browser console would show: errors, failed requests and error responses. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return problems;
}

describe('favicon, web app manifest and offline page', () => {
  const t = useBrowserApp({ worker: false });

  it('serves the favicon at /favicon.ico and the icons the manifest names', async () => {
    const favicon = await t.http().get('/favicon.ico');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['content-type']).toMatch(/^image\//);
    expect((favicon.body as Buffer).length).toBeGreaterThan(0);

    const manifest = await t.http().get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const body = JSON.parse(manifest.text) as {
      name: string;
      short_name: string;
      description: string;
      start_url: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: Array<{ src: string; sizes: string; type: string }>;
    };
    expect(body).toMatchObject({ name: 'Pasar Kerthi', short_name: 'Pasar Kerthi', start_url: '/', display: 'standalone', theme_color: '#9a3412', background_color: '#fafaf9' });
    expect(body.description).toMatch(/UMKM/);
    expect(body.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of body.icons) {
      const file = await t.http().get(icon.src);
      expect({ src: icon.src, status: file.status, type: file.headers['content-type'] }).toEqual({ src: icon.src, status: 200, type: expect.stringContaining(icon.type) });
    }
  });

  it('has an offline page in Indonesian with English beside, and a service worker that keeps it', async () => {
    const offline = await t.http().get('/offline');
    expect(offline.status).toBe(200);
    expect(offline.text).toContain('Anda sedang luring');
    expect(offline.text).toContain('You are offline');
    const english = await t.http().get('/offline?lang=en');
    expect(english.text).toMatch(/<h1>You are offline<\/h1>[\s\S]*<div lang="id"[\s\S]*Anda sedang luring/);

    const worker = await t.http().get('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.text).toContain("'/offline'");
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`opens the home page on a ${viewport} with no console error, failed request or missing file, and without accessibility violations`, async () => {
      const context = await t.context(viewport);
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${t.base}/`);
      expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
      // Headless Chromium does not fetch icons by itself: everything the head points at is fetched here.
      for (const href of await page.locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
        expect({ href, status: (await page.request.get(`${t.base}${href}`)).status() }).toEqual({ href, status: 200 });
      }
      expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#9a3412');
      await expectAccessible(page, `home (${viewport}, id)`);
      await page.goto(`${t.base}/?lang=en`);
      await expectAccessible(page, `home (${viewport}, en)`);
      await page.goto(`${t.base}/offline`);
      await expectAccessible(page, `offline (${viewport})`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('shows the offline page when the connection drops after a first visit', async () => {
    const context = await t.context('phone');
    const page = await context.newPage();
    await page.goto(`${t.base}/`);
    // The worker installs in the background; the page is usable before it is ready.
    await page.evaluate('navigator.serviceWorker.ready');
    await context.setOffline(true);
    await page.goto(`${t.base}/sellers`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Anda sedang luring');
    expect(await page.locator('[lang="en"] h2').textContent()).toBe('You are offline');
    await context.close();
  });
});
