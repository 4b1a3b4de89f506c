import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { FileUpload, MAX_IMAGE_BYTES } from '#libs/catalogue';
import { MAX_REVIEW_PHOTOS } from './reviews.dto.js';

const PhotosUpload = FileUpload('photos', MAX_IMAGE_BYTES, MAX_REVIEW_PHOTOS);
/** Requests whose photos were refused (too many, too large): the form shows why. */
const refused = new WeakSet<Request>();

export const photosRefused = (req: Request): boolean => refused.has(req);

/**
 * Reads the review form's photos. A refused upload is noted for the page to show the form
 * again with its reason, instead of answering with an error page that loses the review.
 */
@Injectable()
export class ReviewFormPhotos implements NestInterceptor {
  private readonly upload = new PhotosUpload();

  async intercept(context: ExecutionContext, next: CallHandler) {
    try {
      return await this.upload.intercept(context, next);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 422) throw error;
      refused.add(context.switchToHttp().getRequest<Request>());
      return next.handle();
    }
  }
}
