import { expect } from '@jest/globals';
import request from 'supertest';
import type { TestApp } from './test-app.js';

/** The CSRF token of the first form on a page. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A cookie-keeping client signed in through the /login form, as a browser without JavaScript would be. */
export async function signInWithForm(t: TestApp, who: { email: string; password: string }, next = '/dashboard') {
  const browser = request.agent(t.app.getHttpServer());
  const login = await browser.get('/login');
  const signedIn = await browser
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), email: who.email, password: who.password, next });
  expect(signedIn.status).toBe(303);
  return browser;
}
