import { Injectable } from '@nestjs/common';
import type { Lang } from '#libs/platform';

interface Entry {
  key: string;
  html: string;
}

const MAX_ENTRIES = 2_000;

/**
 * Rendered published pages in memory, one per seller and language, keyed by the live
 * version and a stamp of the seller's profile, products and reviews: a publish, a rollback,
 * a product change or a review written, hidden or restored makes the next request render
 * afresh. Each web process keeps its own.
 */
@Injectable()
export class StorefrontPageCache {
  private readonly entries = new Map<string, Entry>();

  get(sellerId: string, lang: Lang, version: number, stamp: string): string | undefined {
    const entry = this.entries.get(`${sellerId}:${lang}`);
    return entry?.key === `${version}:${stamp}` ? entry.html : undefined;
  }

  set(sellerId: string, lang: Lang, version: number, stamp: string, html: string): void {
    const slot = `${sellerId}:${lang}`;
    this.entries.delete(slot);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(slot, { key: `${version}:${stamp}`, html });
  }
}
