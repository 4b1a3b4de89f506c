import { Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { FileUpload, imageView, MAX_IMAGE_BYTES, MediaService } from '#libs/catalogue';
import { ApiController, forbidden, invalid, RateLimit } from '#libs/platform';
import { ReviewFacts } from './review-facts.repository.js';

@ApiController('review-photos', 'reviews')
export class ReviewPhotosController {
  constructor(
    private readonly media: MediaService,
    private readonly facts: ReviewFacts,
  ) {}

  @Post()
  @Authenticated()
  @RateLimit('upload')
  @UseInterceptors(FileUpload('file', MAX_IMAGE_BYTES))
  @ApiOperation({
    summary: 'Upload a photo for your review (JPEG, PNG or WebP, at most 8 MB and 40 megapixels), then list its id in the review’s `photoIds`',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '{ id, url, srcset, width, height }: the photo re-encoded to WebP widths' })
  @ApiForbiddenResponse({ description: 'You have no completed order line awaiting a review' })
  @ApiUnprocessableEntityResponse({ description: '`file` missing, too large, or not a plain image' })
  async upload(@CurrentUser() user: SignedInUser, @UploadedFile() file: Express.Multer.File | undefined) {
    // Uploads cost storage: only someone who can write a review now may add photos for it.
    if (!(await this.facts.unreviewedLine(user.id))) throw forbidden('Only a buyer with a completed order awaiting a review may upload review photos');
    if (!file) throw invalid('file', 'is required (multipart field "file")');
    const { id, url, srcset, width, height } = imageView(await this.media.storeForUser(user.id, file));
    return { id, url, srcset, width, height };
  }
}
