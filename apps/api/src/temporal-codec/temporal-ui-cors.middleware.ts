import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';

import { PiiConfig } from '@app/config';

/**
 * CORS for the codec endpoint only, and only for the configured Temporal UI origin (TEMPORAL_UI_ORIGIN): the
 * UI's browser sends the user's bearer token (codec.passAccessToken), never cookies, so no credentials mode.
 * A preflight from that origin is answered here; any other origin gets no CORS headers at all.
 */
@Injectable()
export class TemporalUiCorsMiddleware implements NestMiddleware {
  constructor(private readonly config: PiiConfig) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    if (!origin || origin !== this.config.TEMPORAL_UI_ORIGIN) return next();
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    if (request.method !== 'OPTIONS') return next();
    response.setHeader('Access-Control-Allow-Methods', 'POST');
    response.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-namespace');
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  }
}
