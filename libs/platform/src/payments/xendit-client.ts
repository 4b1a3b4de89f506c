import { timingSafeEqual } from 'node:crypto';
import { Xendit } from 'xendit-node';
import type { AppConfig } from '../config/app-config.js';

export { XenditSdkError } from 'xendit-node';
export type { Xendit } from 'xendit-node';

const XENDIT_API = 'https://api.xendit.co';
const clients = new WeakMap<AppConfig, Xendit>();

/**
 * The one Xendit client of a process (XENDIT_SECRET_KEY; XENDIT_API_BASE points it elsewhere, for
 * tests), shared by commerce's invoices and the ledger's payouts, which both sit above platform.
 * Undefined when Xendit is not configured.
 */
export function xenditClient(config: AppConfig): Xendit | undefined {
  if (!config.xenditSecretKey) return undefined;
  let client = clients.get(config);
  if (!client) {
    client = new Xendit({ secretKey: config.xenditSecretKey, xenditURL: config.xenditApiBase ?? XENDIT_API });
    clients.set(config, client);
  }
  return client;
}

/** Whether a callback's `x-callback-token` is XENDIT_CALLBACK_TOKEN, compared in constant time. */
export function isXenditCallbackToken(config: AppConfig, token: string | undefined): boolean {
  const expected = config.xenditCallbackToken;
  if (!expected || typeof token !== 'string') return false;
  const given = Buffer.from(token);
  const wanted = Buffer.from(expected);
  // timingSafeEqual needs equal lengths; comparing the token with itself keeps the time the same when they differ.
  return timingSafeEqual(given.length === wanted.length ? given : wanted, wanted) && given.length === wanted.length;
}
