import { Injectable } from '@nestjs/common';
import { compressPage, type CachedPage, type Lang } from '#libs/platform';

interface Entry {
  key: string;
  page: CachedPage;
}

const MAX_ENTRIES = 2_000;

/**
 * Rendered published pages in memory, one per seller and language, keyed by the live
 * version and a stamp of the seller's profile, products and reviews: a publish, a rollback,
 * a product change or a review written, hidden or restored makes the next request render
 * afresh. Each page is kept as bytes with its gzip and Brotli forms (about a quarter of
 * the size over a phone's connection) and a validator for 304 answers. Each web process
 * keeps its own.
 */
@Injectable()
export class StorefrontPageCache {
  private readonly entries = new Map<string, Entry>();

  get(sellerId: string, lang: Lang, version: number, stamp: string): CachedPage | undefined {
    const entry = this.entries.get(`${sellerId}:${lang}`);
    return entry?.key === `${version}:${stamp}` ? entry.page : undefined;
  }

  set(sellerId: string, lang: Lang, version: number, stamp: string, html: string): CachedPage {
    const slot = `${sellerId}:${lang}`;
    // Weak: the compressed forms are the same page.
    const page = compressPage(html, `W/"sf-${sellerId.slice(0, 8)}-${version}-${Date.parse(stamp).toString(36)}-${lang}"`);
    this.entries.delete(slot);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(slot, { key: `${version}:${stamp}`, page });
    return page;
  }
}
