import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '#libs/platform';

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived from APP_SECRET, so a copy of the
 * database alone (a backup, a leaked dump) does not give away anyone's second factor.
 * APP_SECRET always exists at run time (generated into DATA_DIR when unset); changing it makes
 * the stored secrets unreadable, and their owners sign in with a recovery code and enrol again.
 */
@Injectable()
export class TotpSecretBox {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.appSecret) throw new Error('APP_SECRET is needed to keep TOTP secrets');
    this.key = Buffer.from(hkdfSync('sha256', config.appSecret, 'pasar-kerthi', 'totp-secret', 32));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** undefined when it cannot be opened (APP_SECRET changed since enrolment). */
  open(stored: string): string | undefined {
    const [version, iv, tag, sealed] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || !sealed) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
