import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

export type RfqStatus = 'open' | 'quoted' | 'accepted' | 'closed';

/** bigint columns arrive as strings from pg; amounts stay far below 2^53. */
export const bigintNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** A buyer's request for quotation, addressed to one seller (optionally about one product). */
@Entity('rfqs')
export class Rfq extends BaseEntity {
  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('uuid', { name: 'product_id', nullable: true })
  productId: string | null;

  @Column('int')
  quantity: number;

  @Column('text', { name: 'destination_country' })
  destinationCountry: string;

  @Column('text')
  incoterm: string;

  @Column('text')
  message: string;

  @Column('bigint', { name: 'target_unit_price_amount', nullable: true, transformer: bigintNumber })
  targetUnitPriceAmount: number | null;

  @Column('text', { name: 'target_unit_price_currency', nullable: true })
  targetUnitPriceCurrency: string | null;

  @Column('text')
  status: RfqStatus;

  /** When the seller first answered; the basis of response-time figures. */
  @Column('timestamptz', { name: 'first_response_at', nullable: true })
  firstResponseAt: Date | null;
}
