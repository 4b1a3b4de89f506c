import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { APP_CONFIG, type AppConfig } from '#libs/platform';
import { hasRole, type CurrentUser } from '../roles.js';
import { MfaService } from './mfa.service.js';

const NOTICES: Record<string, string> = { wrong: 'mfa.login.wrong', off: 'mfa.section.disabled' };

/** The data of the account page's "Autentikasi dua langkah" section (`identity/partials/mfa-section`). */
@Injectable()
export class MfaSection {
  constructor(
    private readonly mfa: MfaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The section's data: status, the pending enrolment's QR code (an inline SVG image) and secret, a notice from the last form. */
  async view(user: CurrentUser, notice: unknown) {
    const status = await this.mfa.status(user.id);
    const pending = status.enabled ? undefined : await this.mfa.pending(user);
    const svg = pending && (await QRCode.toString(pending.otpauthUrl, { type: 'svg', margin: 2 }));
    return {
      ...status,
      pending: pending && { secret: pending.secret.replace(/(.{4})(?!$)/g, '$1 '), qr: `data:image/svg+xml;base64,${Buffer.from(svg!).toString('base64')}` },
      noticeKey: typeof notice === 'string' ? NOTICES[notice] : undefined,
      staffRequired: this.config.staffMfa === 'required' && hasRole(user, 'admin', 'curator') && !status.enabled,
    };
  }
}
