import { Injectable } from '@nestjs/common';
import { MediaService } from '#libs/catalogue';
import { Scheduled } from '#libs/platform';
import { ReviewFacts } from './review-facts.repository.js';

/** A day to finish a review after uploading its photos. */
export const UNUSED_PHOTO_HOURS = 24;

/** Removes photos uploaded for reviews that were never sent, so abandoned uploads do not pile up. */
@Injectable()
export class ReviewPhotoCleanup {
  constructor(
    private readonly facts: ReviewFacts,
    private readonly media: MediaService,
  ) {}

  @Scheduled(60 * 60 * 1000)
  async removeUnused(): Promise<number> {
    return this.media.removeUserUploads(await this.facts.unusedPhotoUploads(UNUSED_PHOTO_HOURS, 500));
  }
}
