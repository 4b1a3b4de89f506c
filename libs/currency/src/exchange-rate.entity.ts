import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** numeric columns arrive as strings from pg. */
const numericNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One display rate per currency: `ratePerIdr` units of the currency buy 1 IDR's worth (USD ≈ 0.00006). */
@Entity('exchange_rates')
export class ExchangeRate {
  @PrimaryColumn('text')
  currency: string;

  @Column('numeric', { name: 'rate_per_idr', transformer: numericNumber })
  ratePerIdr: number;

  /** The day the rate was published (YYYY-MM-DD). */
  @Column('date', { name: 'as_of' })
  asOf: string;

  /** The admin who set it; null for the seeded rates. */
  @Column('uuid', { name: 'set_by', nullable: true })
  setBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
