import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

@Entity('cooperatives')
export class Cooperative extends BaseEntity {
  @Column('text')
  name: string;

  @Column('text')
  regency: string;

  @Column('text', { name: 'registration_number', unique: true })
  registrationNumber: string;
}
