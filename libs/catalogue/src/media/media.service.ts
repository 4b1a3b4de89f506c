import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { In, IsNull, Not, Repository } from 'typeorm';
import { invalid, OBJECT_STORAGE, type ObjectStorage, type StoredObject } from '#libs/platform';
import { Media } from './media.entity.js';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const WIDTHS = [320, 640, 1280];
const FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** Markup inside an "image" means a polyglot meant to be served as HTML or script somewhere. */
const MARKUP = /<(script|html|svg|iframe|body|\?php|!doctype)/i;

export interface Upload {
  buffer: Buffer;
  originalname: string;
}

/** The storage key of a rendition (the file name under DATA_DIR/uploads). */
function renditionKey(id: string, width: number): string {
  return `${id}-${width}.webp`;
}

export function mediaUrl(id: string, width: number): string {
  return `/media/${id}/${width}.webp`;
}

/** `srcset` and a default `src` for an image, from its stored widths. */
export function imageView(media: Pick<Media, 'id' | 'width' | 'height' | 'widths'>) {
  const widths = [...media.widths].sort((a, b) => a - b);
  const base = widths.find((w) => w >= 640) ?? widths[widths.length - 1]!;
  return {
    id: media.id,
    width: media.width,
    height: media.height,
    url: mediaUrl(media.id, base),
    srcset: widths.map((w) => `${mediaUrl(media.id, w)} ${w}w`).join(', '),
  };
}
export type ImageView = ReturnType<typeof imageView>;

/**
 * Uploaded images of sellers and users: checked by content (never by name or claimed type), re-encoded by sharp
 * to WebP in a few widths under server-made names; the upload itself is never kept or served.
 * The renditions go to the object storage (local disk or an S3 bucket), the same way for both.
 */
@Injectable()
export class MediaService {
  constructor(
    @InjectRepository(Media) private readonly media: Repository<Media>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /** A seller's image (products, logo, storefront sections). */
  store(sellerId: string, upload: Upload): Promise<Media> {
    return this.process(upload, { sellerId });
  }

  /** A user's own image that belongs to no seller (a buyer's review photo). */
  storeForUser(userId: string, upload: Upload): Promise<Media> {
    return this.process(upload, { uploadedBy: userId });
  }

  /** The ids among `mediaIds` that belong to this seller. */
  async ownedBy(sellerId: string, mediaIds: string[]): Promise<string[]> {
    return this.idsWhere({ sellerId }, mediaIds);
  }

  /** The ids among `mediaIds` that this user uploaded with `storeForUser`. */
  async uploadedBy(userId: string, mediaIds: string[]): Promise<string[]> {
    return this.idsWhere({ uploadedBy: userId }, mediaIds);
  }

  /** Image views by id, for pages showing images other contexts refer to. */
  async views(mediaIds: string[]): Promise<Map<string, ImageView>> {
    if (mediaIds.length === 0) return new Map();
    const rows = await this.media.find({ select: { id: true, width: true, height: true, widths: true }, where: { id: In(mediaIds) } });
    return new Map(rows.map((row) => [row.id, imageView(row)]));
  }

  /** Deletes images users uploaded (never a seller's) with their renditions; answers how many. */
  async removeUserUploads(mediaIds: string[]): Promise<number> {
    if (mediaIds.length === 0) return 0;
    const rows = await this.media.find({ select: { id: true, widths: true }, where: { id: In(mediaIds), uploadedBy: Not(IsNull()) } });
    if (rows.length === 0) return 0;
    await this.media.delete({ id: In(rows.map((row) => row.id)) });
    await Promise.all(rows.map((row) => this.removeFiles(row.id, row.widths)));
    return rows.length;
  }

  findById(id: string): Promise<Media | null> {
    return this.media.findOneBy({ id });
  }

  /** Where a browser fetches a rendition directly (a public bucket URL), or null to stream it with `rendition`. */
  publicUrl(id: string, width: number): string | null {
    return this.storage.publicUrl(renditionKey(id, width));
  }

  rendition(id: string, width: number): Promise<StoredObject | null> {
    return this.storage.get(renditionKey(id, width));
  }

  private async process(upload: Upload, owner: { sellerId: string } | { uploadedBy: string }): Promise<Media> {
    const input = upload.buffer;
    if (input.length > MAX_IMAGE_BYTES) throw invalid('file', 'must be at most 8 MB');
    if (MARKUP.test(input.toString('latin1'))) throw invalid('file', 'is not a plain image (it contains markup)');
    let meta: Metadata;
    try {
      meta = await sharp(input, { limitInputPixels: false }).metadata();
    } catch {
      throw invalid('file', 'must be a JPEG, PNG or WebP image');
    }
    if (!meta.format || !FORMATS[meta.format] || !meta.width || !meta.height) throw invalid('file', 'must be a JPEG, PNG or WebP image');
    if (meta.width * meta.height > MAX_PIXELS) throw invalid('file', 'must be at most 40 megapixels');
    // EXIF orientation may swap the sides the renditions are measured on.
    const width = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
    const height = (meta.orientation ?? 1) >= 5 ? meta.width : meta.height;
    const widths = WIDTHS.filter((w) => w <= width);
    if (widths.length === 0) widths.push(width);

    const id = randomUUID();
    let renditions: Buffer[];
    try {
      const decoded = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
      renditions = await Promise.all(widths.map((w) => decoded.clone().resize({ width: w, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer()));
    } catch {
      throw invalid('file', 'could not be decoded as an image');
    }
    try {
      await Promise.all(widths.map((w, i) => this.storage.put(renditionKey(id, w), renditions[i]!, 'image/webp')));
    } catch (error) {
      await this.removeFiles(id, widths).catch(() => undefined);
      throw error;
    }
    try {
      return await this.media.save(
        this.media.create({ id, ...owner, originalName: upload.originalname.slice(0, 200) || 'image', contentType: FORMATS[meta.format]!, bytes: input.length, width, height, widths }),
      );
    } catch (error) {
      await this.removeFiles(id, widths);
      throw error;
    }
  }

  private async idsWhere(owner: { sellerId: string } | { uploadedBy: string }, mediaIds: string[]): Promise<string[]> {
    if (mediaIds.length === 0) return [];
    const rows = await this.media.find({ select: { id: true }, where: { ...owner, id: In(mediaIds) } });
    return rows.map((row) => row.id);
  }

  private async removeFiles(id: string, widths: number[]) {
    await this.storage.delete(widths.map((w) => renditionKey(id, w)));
  }
}
