import { Injectable, mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import multer from 'multer';
import { invalid, Problem } from '#libs/platform';

/**
 * Reads one multipart file (`field`, or up to `maxFiles` of them for `@UploadedFiles()`) into
 * memory, refusing anything larger than `maxBytes` or more files with a 422 that names the
 * field (Nest's own interceptor answers 413 without a field).
 */
export function FileUpload(field: string, maxBytes: number, maxFiles = 1): Type<NestInterceptor> {
  const reader = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: maxFiles, fields: 20, fieldSize: 64 * 1024 } });
  const upload = maxFiles === 1 ? reader.single(field) : reader.array(field, maxFiles);

  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler) {
      const http = context.switchToHttp();
      await new Promise<void>((resolve, reject) =>
        upload(http.getRequest(), http.getResponse(), (error: unknown) => {
          if (!error) return resolve();
          if (error instanceof multer.MulterError) {
            if (error.code === 'LIMIT_FILE_SIZE') return reject(invalid(field, `must be at most ${Math.round(maxBytes / 1024 / 1024)} MB`));
            if (error.code === 'LIMIT_FILE_COUNT') return reject(invalid(field, `takes at most ${maxFiles} file${maxFiles === 1 ? '' : 's'}`));
            return reject(invalid(error.field ?? field, `is not accepted here (${error.message.toLowerCase()})`));
          }
          reject(new Problem(400, 'The upload could not be read'));
        }),
      );
      return next.handle();
    }
  }
  return mixin(FileUploadInterceptor);
}
