import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hasRole, UsersService, type SignedInUser } from '#libs/identity';
import { conflict, notFound, regencyName } from '#libs/platform';
import { DataSource } from 'typeorm';
import { Cooperative } from './cooperative.entity.js';
import { Seller } from '../seller.entity.js';
import type { CreateCooperativeDto } from '../sellers.dto.js';

export interface CooperativeView {
  id: string;
  name: string;
  regency: string;
  regencyName: string;
  registrationNumber: string;
  memberCount: number;
}

@Injectable()
export class CooperativesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  /**
   * An admin registers any cooperative; a coop_admin without one registers theirs and becomes
   * its administrator (identity sets users.cooperative_id in this transaction).
   */
  async create(user: SignedInUser, dto: CreateCooperativeDto): Promise<CooperativeView> {
    const becomesAdmin = !hasRole(user, 'admin');
    if (becomesAdmin && user.cooperativeId) throw conflict('You already administer a cooperative', { errors: [{ field: 'cooperativeId', message: 'is already set' }] });
    const id = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO cooperatives (name, regency, registration_number) VALUES ($1, $2, $3) ON CONFLICT (registration_number) DO NOTHING RETURNING id`,
        [dto.name, dto.regency, dto.registrationNumber],
      );
      if (!rows[0]) throw conflict('A cooperative with this registration number exists', { errors: [{ field: 'registrationNumber', message: 'is already registered' }] });
      if (becomesAdmin) await this.users.setCooperative(manager, user.id, rows[0].id);
      return rows[0].id;
    });
    return this.view(id);
  }

  async view(id: string): Promise<CooperativeView> {
    const coop = await this.dataSource.manager.findOneBy(Cooperative, { id });
    if (!coop) throw notFound('Cooperative');
    const memberCount = await this.dataSource.manager.count(Seller, { where: { cooperativeId: id } });
    return { id: coop.id, name: coop.name, regency: coop.regency, regencyName: regencyName(coop.regency), registrationNumber: coop.registrationNumber, memberCount };
  }
}
