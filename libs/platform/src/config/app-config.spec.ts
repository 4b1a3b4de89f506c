import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('environment validation', () => {
  it('fills the defaults of the embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, seedDemo: false, workerInProcess: true, publicUrl: 'http://localhost:3000', staffMfa: 'optional' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ MEILI_HOST: 'localhost:7700' }, 'MEILI_HOST'],
    [{ MEILI_MASTER_KEY: 'short' }, 'MEILI_MASTER_KEY'],
    [{ STRIPE_SECRET_KEY: 'pk_test_123' }, 'STRIPE_SECRET_KEY'],
    [{ STRIPE_WEBHOOK_SECRET: 'abc' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_API_BASE: 'ftp://x' }, 'STRIPE_API_BASE'],
    [{ XENDIT_SECRET_KEY: 'sk_test_123' }, 'XENDIT_SECRET_KEY'],
    [{ XENDIT_SECRET_KEY: 'xnd_development_abc123' }, 'XENDIT_CALLBACK_TOKEN'],
    [{ XENDIT_SECRET_KEY: 'xnd_development_abc123', XENDIT_CALLBACK_TOKEN: 'short' }, 'XENDIT_CALLBACK_TOKEN'],
    [{ XENDIT_API_BASE: 'api.xendit.co' }, 'XENDIT_API_BASE'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-1' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ SEED_DEMO: '1', PUBLIC_URL: 'https://pasarkerthi.id' }, 'SEED_DEMO'],
    [{ PUBLIC_URL: 'pasarkerthi.id' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'x; rm -rf' }, 'TRUST_PROXY'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ RATE_LIMIT_FACTOR: '0' }, 'RATE_LIMIT_FACTOR'],
    [{ RATE_LIMIT_FACTOR: 'lots' }, 'RATE_LIMIT_FACTOR'],
    [{ ORDER_AUTOCOMPLETE_DAYS: '0' }, 'ORDER_AUTOCOMPLETE_DAYS'],
    [{ ORDER_AUTOCOMPLETE_DAYS: 'three' }, 'ORDER_AUTOCOMPLETE_DAYS'],
    [{ STAFF_MFA: 'yes' }, 'STAFF_MFA'],
  ])('refuses %j with one line naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.startsWith(name)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});
