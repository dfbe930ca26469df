import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { type Request } from 'express';

import { type UploadedFile } from './org-transfer.service';
import { FILE_MEDIA_TYPES } from './tabular-file';

/**
 * The raw file of an import request (the bootstrap parses CSV and xlsx bodies of `…/imports/…` routes into a
 * Buffer). A custom parameter: the input pipes (meant for JSON) leave it alone; the service checks its type.
 */
export const FileBody = createParamDecorator((_: unknown, context: ExecutionContext): UploadedFile => {
  const request = context.switchToHttp().getRequest<Request>();
  return { body: request.body as unknown, contentType: request.headers['content-type'] };
});

/** Documents the file body of an import route. */
export function ApiFileBody(description: string): MethodDecorator {
  return applyDecorators(
    ApiConsumes(...Object.values(FILE_MEDIA_TYPES)),
    ApiBody({ required: true, description, schema: { type: 'string', format: 'binary' } }),
  );
}
