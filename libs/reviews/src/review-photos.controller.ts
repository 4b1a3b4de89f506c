import { Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { FileUpload, imageView, MAX_IMAGE_BYTES, MediaService } from '#libs/catalogue';
import { ApiController, invalid } from '#libs/platform';

@ApiController('review-photos', 'reviews')
export class ReviewPhotosController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @Authenticated()
  @UseInterceptors(FileUpload('file', MAX_IMAGE_BYTES))
  @ApiOperation({
    summary: 'Upload a photo for your review (JPEG, PNG or WebP, at most 8 MB and 40 megapixels), then list its id in the review’s `photoIds`',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '{ id, url, srcset, width, height }: the photo re-encoded to WebP widths' })
  @ApiUnprocessableEntityResponse({ description: '`file` missing, too large, or not a plain image' })
  async upload(@CurrentUser() user: SignedInUser, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw invalid('file', 'is required (multipart field "file")');
    const { id, url, srcset, width, height } = imageView(await this.media.storeForUser(user.id, file));
    return { id, url, srcset, width, height };
  }
}
