import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'xianfeng:public';

/** Served without a bearer token (health probes only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
