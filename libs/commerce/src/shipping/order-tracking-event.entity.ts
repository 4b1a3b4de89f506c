import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A step of a parcel's journey: the seller's hand-entered shipment and delivery, or Biteship's courier history. */
@Entity('order_tracking_events')
export class OrderTrackingEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  status: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text')
  source: 'manual' | 'biteship';

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
