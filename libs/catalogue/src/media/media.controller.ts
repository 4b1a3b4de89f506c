import { Controller, Get, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { API_PREFIX, invalid, notFound, RateLimit } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { FileUpload } from './file-upload.interceptor.js';
import { imageView, MAX_IMAGE_BYTES, MediaService } from './media.service.js';

/** Image uploads (API) and the public WebP renditions (`/media/:id/:width.webp`). */
@Controller()
@ApiTags('catalogue')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly access: SellerAccess,
  ) {}

  @Post(`${API_PREFIX}/sellers/:sellerId/media`)
  @Authenticated()
  @RateLimit('upload')
  @UseInterceptors(FileUpload('file', MAX_IMAGE_BYTES))
  @ApiOperation({ summary: 'Upload an image (JPEG, PNG or WebP, at most 8 MB and 40 megapixels); answers its WebP renditions' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '{ id, width, height, url, srcset, widths }' })
  async upload(@Param('sellerId', ParseUUIDPipe) sellerId: string, @UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: SignedInUser) {
    await this.access.assertCanManage(user, sellerId);
    if (!file) throw invalid('file', 'is required (multipart field "file")');
    const media = await this.media.store(sellerId, file);
    return { ...imageView(media), widths: media.widths, contentType: media.contentType };
  }

  @Get('media/:id/:width.webp')
  @Public()
  @ApiExcludeEndpoint()
  async serve(@Param('id', ParseUUIDPipe) id: string, @Param('width') width: string, @Res() res: Response) {
    const media = await this.media.findById(id);
    if (!media || !media.widths.includes(Number(width))) throw notFound('Image');
    const direct = this.media.publicUrl(id, Number(width));
    if (direct) {
      // A day, not forever: the bucket's public URL may move.
      res.setHeader('Cache-Control', 'public, max-age=86400');
      return res.redirect(302, direct);
    }
    const object = await this.media.rendition(id, Number(width));
    if (!object) throw notFound('Image');
    // Renditions never change under one id, so caches may keep them for a year.
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Content-Type', 'image/webp');
    if (object.size !== undefined) res.setHeader('Content-Length', String(object.size));
    await pipeline(object.body, res);
  }
}
