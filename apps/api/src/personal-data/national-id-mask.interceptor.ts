import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, map } from 'rxjs';

import { maskNationalId } from '@app/persistence';

/**
 * Every `nationalIdMasked` in a response passes through maskNationalId once more. Views held in running
 * workflows (state queries, update results) were masked when recorded, possibly under an earlier, longer
 * mask; masking again gives what the current mask shows, whatever the view's age.
 */
@Injectable()
export class NationalIdMaskInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map(remask));
  }
}

export function remask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(remask);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      key === 'nationalIdMasked' && typeof field === 'string' ? maskNationalId(field) : remask(field);
  }
  return out;
}
