import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { conflict, invalid } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.js';
import { TotpSecretBox } from './totp-secret-box.js';

export const TOTP_ISSUER = 'Pasar Kerthi';
/** ±1 time step of 30 s, for phones whose clock drifts a little. */
const TOLERANCE_SECONDS = 30;

export interface MfaStatus {
  enabled: boolean;
  /** Enrolment started, waiting for its first code. */
  pending: boolean;
  recoveryCodesLeft: number;
}

interface MfaRow {
  secret: string;
  enabled_at: Date | null;
  last_step: string | null;
}

/** TOTP enrolment (RFC 6238, otplib), its recovery codes, and checking a second-factor code. */
@Injectable()
export class MfaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: TotpSecretBox,
  ) {}

  async isEnabled(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM user_mfa WHERE user_id = $1 AND enabled_at IS NOT NULL`, [userId]);
    return rows.length > 0;
  }

  async status(userId: string): Promise<MfaStatus> {
    const [row]: Array<{ enabled: boolean; left: number }> = await this.dataSource.query(
      `SELECT m.enabled_at IS NOT NULL AS enabled,
              (SELECT count(*)::int FROM user_mfa_recovery_codes r WHERE r.user_id = m.user_id AND r.used_at IS NULL) AS left
       FROM user_mfa m WHERE m.user_id = $1`,
      [userId],
    );
    return { enabled: !!row?.enabled, pending: !!row && !row.enabled, recoveryCodesLeft: row?.enabled ? row.left : 0 };
  }

  /** Starts enrolment, or starts it over with a new secret: nothing changes at sign-in until `confirm`. */
  async enrol(user: { id: string; email: string }): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = generateSecret();
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO user_mfa (user_id, secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = NULL, updated_at = now() WHERE user_mfa.enabled_at IS NULL
       RETURNING user_id`,
      [user.id, this.box.seal(secret)],
    );
    if (rows.length === 0) throw conflict('Two-factor sign-in is already on; turn it off first to enrol another authenticator');
    return { secret, otpauthUrl: this.otpauthUrl(user.email, secret) };
  }

  /** The enrolment waiting for its first code (the account page shows its QR code again), if any. */
  async pending(user: { id: string; email: string }): Promise<{ secret: string; otpauthUrl: string } | undefined> {
    const [row]: MfaRow[] = await this.dataSource.query(`SELECT secret FROM user_mfa WHERE user_id = $1 AND enabled_at IS NULL`, [user.id]);
    const secret = row && this.box.open(row.secret);
    return secret ? { secret, otpauthUrl: this.otpauthUrl(user.email, secret) } : undefined;
  }

  /** The first right code turns MFA on; answers the ten recovery codes, shown this once. */
  async confirm(userId: string, code: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, userId);
      if (!row || row.enabled_at) throw conflict(row ? 'Two-factor sign-in is already on' : 'Start enrolment first: POST /api/v1/me/mfa/totp');
      const step = await this.totpStep(row, code);
      if (step === undefined) throw invalid('code', 'is wrong or expired: type the code your authenticator app shows now');
      await manager.query(`UPDATE user_mfa SET enabled_at = now(), last_step = $2, updated_at = now() WHERE user_id = $1`, [userId, step]);
      await manager.query(`DELETE FROM user_mfa_recovery_codes WHERE user_id = $1`, [userId]);
      const codes = newRecoveryCodes();
      await manager.query(`INSERT INTO user_mfa_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [userId, codes.map((c) => hashRecoveryCode(userId, normalizeRecoveryCode(c)!))]);
      return codes;
    });
  }

  /** Turns MFA off, proven with a current code or an unused recovery code. */
  async disable(userId: string, code: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, userId);
      if (!row?.enabled_at) throw conflict('Two-factor sign-in is not on');
      if (!(await this.acceptCode(manager, userId, row, code))) throw invalid('code', 'is wrong, expired or already used');
      await this.remove(manager, userId);
    });
  }

  /**
   * The second step of a sign-in, in the caller's transaction: true for a TOTP not accepted before
   * (its step is remembered, so a code overheard or replayed within its window is refused) or an
   * unused recovery code (used up now). False when MFA is off.
   */
  async verifyCode(manager: EntityManager, userId: string, code: string): Promise<boolean> {
    const row = await this.lock(manager, userId);
    return !!row?.enabled_at && this.acceptCode(manager, userId, row, code);
  }

  /** Every trace of the user's second factor (account closure), in the caller's transaction. */
  async remove(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM user_mfa_recovery_codes WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM user_mfa WHERE user_id = $1`, [userId]);
  }

  private otpauthUrl(email: string, secret: string): string {
    return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
  }

  private async lock(manager: EntityManager, userId: string): Promise<MfaRow | undefined> {
    const [row]: MfaRow[] = await manager.query(`SELECT secret, enabled_at, last_step FROM user_mfa WHERE user_id = $1 FOR UPDATE`, [userId]);
    return row;
  }

  private async acceptCode(manager: EntityManager, userId: string, row: MfaRow, code: string): Promise<boolean> {
    const step = await this.totpStep(row, code);
    if (step !== undefined) {
      await manager.query(`UPDATE user_mfa SET last_step = $2, updated_at = now() WHERE user_id = $1`, [userId, step]);
      return true;
    }
    const normalized = normalizeRecoveryCode(code);
    if (!normalized) return false;
    // TypeORM answers an UPDATE with [rows, affected].
    const [, used]: [unknown[], number] = await manager.query(`UPDATE user_mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`, [
      userId,
      hashRecoveryCode(userId, normalized),
    ]);
    return used > 0;
  }

  /** The time step of a valid, never accepted TOTP; undefined otherwise. */
  private async totpStep(row: MfaRow, code: string): Promise<number | undefined> {
    const token = code.replace(/\s/g, '');
    const secret = this.box.open(row.secret);
    if (!/^\d{6}$/.test(token) || !secret) return undefined;
    const result = await verify({ secret, token, epochTolerance: TOLERANCE_SECONDS, ...(row.last_step !== null ? { afterTimeStep: Number(row.last_step) } : {}) });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  }
}
