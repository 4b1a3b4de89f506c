import type { Text } from '#libs/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A node of the category tree; the slug is the API value. Rows come from the migration. */
@Entity('categories')
export class Category {
  @PrimaryColumn('text')
  slug: string;

  @Column('text', { name: 'parent_slug', nullable: true })
  parentSlug: string | null;

  @Column('jsonb')
  name: Text;

  /** Four-digit HS headings a seller of this category usually needs (hints, not rules). */
  @Column('text', { name: 'hs_headings', array: true })
  hsHeadings: string[];

  @Column('int')
  position: number;
}
