import { isAbsolute, resolve } from 'node:path';
import { isEmailAddress } from '../text/email-address.js';

/** The validated environment (DESIGN.md, "Environment contract"). */
export interface AppConfig {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  meiliHost?: string;
  meiliMasterKey?: string;
  meiliBinary?: string;
  /** Prefix of every Meilisearch index name, so several installations or test files share one server. */
  meiliIndexPrefix: string;
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  stripeApiBase?: string;
  /** Xendit (QRIS, virtual accounts, e-wallets; payouts): the secret API key, and the callback verification token its callbacks carry. */
  xenditSecretKey?: string;
  xenditCallbackToken?: string;
  /** Base URL of the Xendit API (default Xendit's own), for a local test server. */
  xenditApiBase?: string;
  /** Courier rates, bookings and tracking through Biteship; unset = the sellers' zone tables and hand-entered tracking. */
  biteshipApiKey?: string;
  /** BITESHIP_API_BASE, default https://api.biteship.com (a local stand-in in tests). */
  biteshipApiBase: string;
  adminEmail?: string;
  adminPassword?: string;
  seedDemo: boolean;
  publicUrl: string;
  trustProxy?: string | number | boolean;
  smtpUrl?: string;
  /** Run the job worker inside the web process (the embedded default). */
  workerInProcess: boolean;
  /** Minutes an unpaid order keeps its stock reservation. */
  orderExpiryMinutes: number;
  /** Days after delivery an order completes by itself (its seller's money released) when the buyer has not confirmed and no dispute is open. */
  orderAutocompleteDays: number;
  /** Hours after delivery during which the buyer may open a dispute (komplain). */
  disputeWindowHours: number;
  /** PAYOUT_MINIMUM_IDR: the least available balance (whole rupiah) a payout run pays out, default 50000. */
  payoutMinimumIdr: number;
  /** Multiplies every rate limit (RATE_LIMITS in libs/platform/src/rate-limit); tests relax them with it. */
  rateLimitFactor: number;
  logLevel: string;
  /** Secret for CSRF tokens and other HMACs; generated into DATA_DIR when unset. */
  appSecret?: string;
  /** STAFF_MFA=required: admin and curator routes refuse accounts without two-factor sign-in; default optional. */
  staffMfa: 'optional' | 'required';
  /** METRICS_TOKEN: the bearer token `GET /metrics` asks for; unset = open (keep it behind the proxy). */
  metricsToken?: string;
  /** S3-compatible object storage for uploads (STORAGE_S3_*); unset = files under DATA_DIR/uploads. */
  storageS3?: S3StorageConfig;
  /** CDN_MAX_AGE: seconds a CDN in front may keep a stored public page (`s-maxage`); 0 (default) = it revalidates every time. */
  cdnMaxAge: number;
  /** CDN_PURGE_URL: where every change of public pages is POSTed (`{ "purge": "everything" | "/search" }`), so a CDN drops them at once. */
  cdnPurgeUrl?: string;
  /** CDN_PURGE_TOKEN: the bearer token sent with those purges. */
  cdnPurgeToken?: string;
}

export interface S3StorageConfig {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Where browsers fetch public objects (a CDN or the bucket's public URL); unset = streamed through the app. */
  publicUrl?: string;
  /** Path-style addressing (MinIO, s3rver); STORAGE_S3_FORCE_PATH_STYLE, default 1. */
  forcePathStyle: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** A bad environment value: the message is one line that names the variable. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function fail(name: string, why: string, value: string): never {
  throw new ConfigError(`${name} ${why} (got "${value}")`);
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    fail(name, `must be a whole number from ${min} to ${max}`, raw);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return fail(name, `must be a URL (${protocols.join(', ')})`, raw);
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
    fail(name, `must be a URL (${protocols.join(', ')})`, raw);
  }
  return raw.replace(/\/+$/, '');
}

function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || !(Number(raw) > 0 && Number.isFinite(Number(raw)))) fail(name, 'must be a positive number', raw);
  return Number(raw);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  return fail(name, 'must be 1 or 0', raw);
}

/** All four STORAGE_S3_* essentials or none: a half-configured bucket would silently keep uploads on local disk. */
function storageS3(env: Env): S3StorageConfig | undefined {
  const required = ['STORAGE_S3_ENDPOINT', 'STORAGE_S3_BUCKET', 'STORAGE_S3_ACCESS_KEY_ID', 'STORAGE_S3_SECRET_ACCESS_KEY'] as const;
  const set = required.filter((name) => optional(env, name) !== undefined);
  if (set.length === 0) return undefined;
  const missing = required.find((name) => optional(env, name) === undefined);
  if (missing) fail(missing, `must be set with ${set.join(', ')}`, '');
  const bucket = optional(env, 'STORAGE_S3_BUCKET')!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) fail('STORAGE_S3_BUCKET', 'must be a bucket name (3 to 63 lower-case letters, digits, dots, hyphens)', bucket);
  return {
    endpoint: url(env, 'STORAGE_S3_ENDPOINT', ['http', 'https'])!,
    bucket,
    accessKeyId: optional(env, 'STORAGE_S3_ACCESS_KEY_ID')!,
    secretAccessKey: optional(env, 'STORAGE_S3_SECRET_ACCESS_KEY')!,
    region: optional(env, 'STORAGE_S3_REGION') ?? 'us-east-1',
    publicUrl: url(env, 'STORAGE_S3_PUBLIC_URL', ['http', 'https']),
    forcePathStyle: flag(env, 'STORAGE_S3_FORCE_PATH_STYLE', true),
  };
}

function trustProxy(env: Env): AppConfig['trustProxy'] {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[a-z0-9.:/, ]+$/i.test(raw)) fail('TRUST_PROXY', 'must be true, a hop count, loopback or addresses', raw);
  return raw;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const dataDirRaw = optional(env, 'DATA_DIR') ?? '.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw);

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres', 'postgresql']);
  const meiliHost = url(env, 'MEILI_HOST', ['http', 'https']);
  const meiliMasterKey = optional(env, 'MEILI_MASTER_KEY');
  if (meiliMasterKey !== undefined && meiliMasterKey.length < 16) {
    fail('MEILI_MASTER_KEY', 'must be at least 16 characters', '***');
  }
  const meiliIndexPrefix = optional(env, 'MEILI_INDEX_PREFIX') ?? '';
  if (!/^[a-zA-Z0-9_-]*$/.test(meiliIndexPrefix)) {
    fail('MEILI_INDEX_PREFIX', 'may hold only letters, digits, _ and -', meiliIndexPrefix);
  }

  const stripeSecretKey = optional(env, 'STRIPE_SECRET_KEY');
  if (stripeSecretKey !== undefined && !/^(sk|rk)_(test|live)_\w+$/.test(stripeSecretKey)) {
    fail('STRIPE_SECRET_KEY', 'must look like sk_test_… or sk_live_…', stripeSecretKey.slice(0, 8) + '…');
  }
  const stripeWebhookSecret = optional(env, 'STRIPE_WEBHOOK_SECRET');
  if (stripeWebhookSecret !== undefined && !stripeWebhookSecret.startsWith('whsec_')) {
    fail('STRIPE_WEBHOOK_SECRET', 'must start with whsec_', stripeWebhookSecret.slice(0, 6) + '…');
  }

  const xenditSecretKey = optional(env, 'XENDIT_SECRET_KEY');
  if (xenditSecretKey !== undefined && !/^xnd_(development|production)_\w+$/.test(xenditSecretKey)) {
    fail('XENDIT_SECRET_KEY', 'must look like xnd_development_… or xnd_production_…', xenditSecretKey.slice(0, 8) + '…');
  }
  const xenditCallbackToken = optional(env, 'XENDIT_CALLBACK_TOKEN');
  // Without the token every callback would be refused (or, worse, accepted unchecked): paid orders would stay unpaid.
  if (xenditSecretKey !== undefined && (xenditCallbackToken === undefined || xenditCallbackToken.length < 16)) {
    fail('XENDIT_CALLBACK_TOKEN', "must be set, at least 16 characters (Xendit's callback verification token), when XENDIT_SECRET_KEY is set", xenditCallbackToken ? '***' : '');
  }

  const adminEmail = optional(env, 'ADMIN_EMAIL');
  const adminPassword = optional(env, 'ADMIN_PASSWORD');
  if (adminEmail !== undefined && !isEmailAddress(adminEmail)) {
    fail('ADMIN_EMAIL', 'must be an email address', adminEmail);
  }
  if (adminEmail !== undefined && (adminPassword === undefined || adminPassword.length < 10)) {
    fail('ADMIN_PASSWORD', 'must be set, at least 10 characters, when ADMIN_EMAIL is set', adminPassword ? '***' : '');
  }

  const publicUrl = url(env, 'PUBLIC_URL', ['http', 'https']) ?? `http://localhost:${port}`;
  const seedDemo = flag(env, 'SEED_DEMO', false);
  // The demo accounts' passwords are printed in the README: never on a public (https) site.
  if (seedDemo && publicUrl.startsWith('https://')) fail('SEED_DEMO', 'must not be 1 when PUBLIC_URL is https (the demo passwords are public)', '1');
  const logLevel = optional(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    fail('LOG_LEVEL', 'must be one of fatal, error, warn, info, debug, trace, silent', logLevel);
  }
  const appSecret = optional(env, 'APP_SECRET');
  const staffMfa = optional(env, 'STAFF_MFA') ?? 'optional';
  if (staffMfa !== 'optional' && staffMfa !== 'required') fail('STAFF_MFA', 'must be required or optional', staffMfa);
  if (appSecret !== undefined && appSecret.length < 32) fail('APP_SECRET', 'must be at least 32 characters', '***');
  const metricsToken = optional(env, 'METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) fail('METRICS_TOKEN', 'must be at least 16 characters', '***');

  return {
    port,
    dataDir,
    databaseUrl,
    meiliHost,
    meiliMasterKey,
    meiliBinary: optional(env, 'MEILI_BINARY'),
    meiliIndexPrefix,
    stripeSecretKey,
    stripeWebhookSecret,
    stripeApiBase: url(env, 'STRIPE_API_BASE', ['http', 'https']),
    xenditSecretKey,
    xenditCallbackToken,
    xenditApiBase: url(env, 'XENDIT_API_BASE', ['http', 'https']),
    biteshipApiKey: optional(env, 'BITESHIP_API_KEY'),
    biteshipApiBase: url(env, 'BITESHIP_API_BASE', ['http', 'https']) ?? 'https://api.biteship.com',
    adminEmail,
    adminPassword,
    seedDemo,
    publicUrl,
    trustProxy: trustProxy(env),
    smtpUrl: url(env, 'SMTP_URL', ['smtp', 'smtps']),
    workerInProcess: flag(env, 'WORKER_IN_PROCESS', true),
    orderExpiryMinutes: integer(env, 'ORDER_EXPIRY_MINUTES', 24 * 60, 1, 60 * 24 * 30),
    orderAutocompleteDays: integer(env, 'ORDER_AUTOCOMPLETE_DAYS', 3, 1, 60),
    disputeWindowHours: integer(env, 'DISPUTE_WINDOW_HOURS', 48, 1, 24 * 90),
    payoutMinimumIdr: integer(env, 'PAYOUT_MINIMUM_IDR', 50_000, 10_000, 1_000_000_000),
    rateLimitFactor: positiveNumber(env, 'RATE_LIMIT_FACTOR', 1),
    logLevel,
    appSecret,
    staffMfa,
    metricsToken,
    storageS3: storageS3(env),
    cdnMaxAge: integer(env, 'CDN_MAX_AGE', 0, 0, 86_400),
    cdnPurgeUrl: url(env, 'CDN_PURGE_URL', ['http', 'https']),
    cdnPurgeToken: optional(env, 'CDN_PURGE_TOKEN'),
  };
}

/** For process entry points: a bad environment prints one line naming the variable and exits 1. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
