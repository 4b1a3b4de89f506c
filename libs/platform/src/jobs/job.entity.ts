import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A unit of background work in the Postgres job queue; also the outbox of domain events. */
@Entity('jobs')
@Index('jobs_ready', ['status', 'runAt'])
export class Job extends BaseEntity {
  @Column('text')
  type: string;

  @Column('jsonb', { default: {} })
  payload: Record<string, unknown>;

  @Column('text', { default: 'queued' })
  status: JobStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('int', { name: 'max_attempts', default: 8 })
  maxAttempts: number;

  @Column('timestamptz', { name: 'run_at', default: () => 'now()' })
  runAt: Date;

  @Column('timestamptz', { name: 'locked_at', nullable: true })
  lockedAt: Date | null;

  /** While queued, at most one job per key: repeated changes to one product coalesce. */
  @Column('text', { name: 'dedupe_key', nullable: true })
  dedupeKey: string | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;
}
