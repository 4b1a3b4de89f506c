import { Inject, Injectable } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The one way out for email: nodemailer through SMTP_URL. Unset, `enabled` is false and
 * callers keep the message in-app (or, for account links, in the log) instead.
 */
@Injectable()
export class Mailer {
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
    this.from = `Pasar Kerthi <no-reply@${new URL(config.publicUrl).hostname}>`;
  }

  get enabled(): boolean {
    return !!this.transport;
  }

  /** Sends now; throws when the server refuses, so a job retries it. Without SMTP_URL: nothing. */
  async send(mail: Mail): Promise<void> {
    await this.transport?.sendMail({ from: this.from, ...mail });
  }
}
