import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Problem, Scheduled } from '#libs/platform';
import { DataSource } from 'typeorm';
import { LoginThrottle } from '../login-throttle.service.js';
import { hashToken, TokenService } from '../token.service.js';
import { toUserView, UsersService } from '../users.service.js';
import { MfaService } from './mfa.service.js';

const CHALLENGE_MINUTES = 5;
/** Wrong codes one challenge takes before it is burnt (LoginThrottle also counts them per account). */
const MAX_FAILURES = 5;

type Outcome = { ok: true; userId: string; kind: 'api' | 'session' } | { ok: false; reason: 'expired' | 'wrong'; email?: string };

/**
 * The second step of a sign-in: the password was right, so a short-lived single-use challenge
 * (stored hashed) stands in for the session until a TOTP or recovery code comes with it.
 */
@Injectable()
export class MfaLogin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mfa: MfaService,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** A challenge token when the user has MFA on; undefined when the password alone signs in. */
  async challenge(userId: string, kind: 'api' | 'session'): Promise<string | undefined> {
    if (!(await this.mfa.isEnabled(userId))) return undefined;
    const token = `pkm_${randomBytes(32).toString('base64url')}`;
    await this.dataSource.query(`INSERT INTO auth_mfa_challenges (user_id, token_hash, kind, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`, [
      userId,
      hashToken(token),
      kind,
      CHALLENGE_MINUTES,
    ]);
    return token;
  }

  /** The code for a challenge: a token of the challenge's kind, or 401 (wrong code, or challenge expired, used or burnt). */
  async complete(mfaToken: string, code: string, ip: string) {
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const [row]: Array<{ id: string; user_id: string; kind: 'api' | 'session'; email: string; live: boolean }> = await manager.query(
        `SELECT c.id, c.user_id, c.kind, u.email, (c.used_at IS NULL AND c.expires_at > now() AND c.failures < $2 AND u.closed_at IS NULL) AS live
         FROM auth_mfa_challenges c JOIN users u ON u.id = c.user_id WHERE c.token_hash = $1 FOR UPDATE OF c`,
        [hashToken(mfaToken), MAX_FAILURES],
      );
      if (!row?.live) return { ok: false, reason: 'expired' };
      await this.throttle.assertAllowed(row.email, ip);
      if (!(await this.mfa.verifyCode(manager, row.user_id, code))) {
        await manager.query(`UPDATE auth_mfa_challenges SET failures = failures + 1 WHERE id = $1`, [row.id]);
        return { ok: false, reason: 'wrong', email: row.email };
      }
      await manager.query(`UPDATE auth_mfa_challenges SET used_at = now() WHERE id = $1`, [row.id]);
      return { ok: true, userId: row.user_id, kind: row.kind };
    });
    if (!outcome.ok) {
      if (outcome.reason === 'expired') throw new Problem(401, 'This sign-in has expired or was already used: sign in again with your password');
      await this.throttle.recordFailure(outcome.email!, ip);
      throw new Problem(401, 'The code is wrong, expired or already used', { errors: [{ field: 'code', message: 'is wrong, expired or already used' }] });
    }
    const user = (await this.users.findById(outcome.userId))!;
    await this.throttle.recordSuccess(user.email);
    return { token: await this.tokens.issue(user.id, outcome.kind), user: toUserView(user) };
  }

  /** Challenges past their five minutes are useless; the table would keep every sign-in otherwise. */
  @Scheduled(60 * 60_000)
  async deleteExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(`DELETE FROM auth_mfa_challenges WHERE expires_at < now() - interval '1 hour'`);
    return count;
  }
}
