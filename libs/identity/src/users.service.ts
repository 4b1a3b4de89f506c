import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { conflict, invalid } from '#libs/platform';
import { In, IsNull, Not, Repository, type EntityManager } from 'typeorm';
import { PasswordService } from './password.service.js';
import type { Role } from './roles.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  roles: Role[];
  regency?: string | null;
  cooperativeId?: string | null;
  locale?: string;
  /** Demo, seeded and bootstrap accounts count as verified; people verify through the mailed link. */
  emailVerified?: boolean;
}

export function toUserView(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    regency: user.regency,
    cooperativeId: user.cooperativeId,
    locale: user.locale,
    emailVerified: !!user.emailVerifiedAt,
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
  ) {}

  async create(input: NewUser): Promise<User> {
    if (input.password.length < 10) throw invalid('password', 'must be at least 10 characters');
    const passwordHash = await this.passwords.hash(input.password);
    const rows = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: input.email.trim().toLowerCase(),
        name: input.name,
        passwordHash,
        roles: input.roles,
        regency: input.regency ?? null,
        cooperativeId: input.cooperativeId ?? null,
        locale: input.locale ?? 'id',
        emailVerifiedAt: input.emailVerified ? new Date() : null,
      })
      .orIgnore()
      .returning('*')
      .execute();
    if (rows.raw.length === 0) throw conflict('An account with this email already exists', { errors: [{ field: 'email', message: 'is already registered' }] });
    return this.users.findOneByOrFail({ id: rows.raw[0].id });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** Display names by id, for lists of acts (unknown ids are left out). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = ids.length ? await this.users.find({ where: { id: In([...new Set(ids)]) }, select: { id: true, name: true } }) : [];
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  /** Name, email and language by id, for messages to users (unknown ids are left out). */
  async contacts(ids: readonly string[]): Promise<Map<string, { name: string; email: string; locale: string }>> {
    const rows = ids.length ? await this.users.find({ where: { id: In([...new Set(ids)]) }, select: { id: true, name: true, email: true, locale: true } }) : [];
    return new Map(rows.map((u) => [u.id, { name: u.name, email: u.email, locale: u.locale }]));
  }

  /** Which of these users have verified their email (payouts need it; unknown ids are left out). */
  async verified(ids: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    const rows = ids.length ? await (manager ?? this.users.manager).find(User, { where: { id: In([...new Set(ids)]), emailVerifiedAt: Not(IsNull()) }, select: { id: true } }) : [];
    return new Set(rows.map((u) => u.id));
  }

  /** Marks the email verified, only while the account still has the address the link was mailed to. */
  async markEmailVerified(userId: string, email: string): Promise<boolean> {
    const result = await this.users.update({ id: userId, email, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
    return !!result.affected;
  }

  /** Without the password hash (seeders and look-ups by address). */
  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  /**
   * Makes the user the administrator of a cooperative (`users.cooperative_id`), in the caller's
   * transaction (sellers, when a coop_admin registers theirs); `onlyIfUnset` leaves one already set.
   * Answers whether a row changed.
   */
  async setCooperative(manager: EntityManager, userId: string, cooperativeId: string, options: { onlyIfUnset?: boolean } = {}): Promise<boolean> {
    const result = await manager.update(User, { id: userId, ...(options.onlyIfUnset ? { cooperativeId: IsNull() } : {}) }, { cooperativeId });
    return !!result.affected;
  }

  /** With the password hash, for sign-in only. */
  findForLogin(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email: email.trim().toLowerCase() }).getOne();
  }

  async update(id: string, changes: Partial<Pick<User, 'name' | 'locale'>>): Promise<User> {
    await this.users.update(id, changes);
    return this.users.findOneByOrFail({ id });
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.users.update(id, { passwordHash: await this.passwords.hash(password), passwordChangedAt: new Date() });
  }

  async list(page: number, perPage: number, role?: string): Promise<[User[], number]> {
    const query = this.users
      .createQueryBuilder('u')
      .orderBy('u.createdAt', 'DESC')
      .skip((page - 1) * perPage)
      .take(perPage);
    if (role) query.where(':role = ANY(u.roles)', { role });
    return query.getManyAndCount();
  }
}
