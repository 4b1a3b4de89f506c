import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Text } from '#libs/platform';
import { Repository } from 'typeorm';
import { Category } from './category.entity.js';

export interface CategoryNode {
  slug: string;
  name: Text;
  hsHeadings: string[];
  children: CategoryNode[];
}

/** The category tree (rows from the migration; they change only with a new migration, so it is cached). */
@Injectable()
export class CategoriesService {
  private cache?: Promise<Category[]>;

  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  all(): Promise<Category[]> {
    this.cache ??= this.categories.find({ order: { position: 'ASC' } }).catch((error) => {
      this.cache = undefined;
      throw error;
    });
    return this.cache;
  }

  async tree(): Promise<CategoryNode[]> {
    const rows = await this.all();
    const nodes = new Map(rows.map((c) => [c.slug, { slug: c.slug, name: c.name, hsHeadings: c.hsHeadings, children: [] as CategoryNode[] }]));
    const roots: CategoryNode[] = [];
    for (const row of rows) {
      const node = nodes.get(row.slug)!;
      if (row.parentSlug && nodes.has(row.parentSlug)) nodes.get(row.parentSlug)!.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  async find(slug: string): Promise<Category | undefined> {
    return (await this.all()).find((c) => c.slug === slug);
  }

  /** The categories above `slug`, root first (a breadcrumb). */
  async ancestors(slug: string): Promise<Category[]> {
    const rows = await this.all();
    const path: Category[] = [];
    for (let node = rows.find((c) => c.slug === slug); node?.parentSlug;) {
      node = rows.find((c) => c.slug === node!.parentSlug);
      if (!node || path.includes(node)) break;
      path.unshift(node);
    }
    return path;
  }

  async children(slug: string): Promise<Category[]> {
    return (await this.all()).filter((c) => c.parentSlug === slug);
  }

  /** `slug` and every category below it, at any depth. */
  async withDescendants(slug: string): Promise<string[]> {
    const rows = await this.all();
    const found = [slug];
    for (let i = 0; i < found.length; i++) for (const row of rows) if (row.parentSlug === found[i] && !found.includes(row.slug)) found.push(row.slug);
    return found;
  }
}
