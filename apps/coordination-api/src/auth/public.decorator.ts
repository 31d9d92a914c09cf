import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tppo:public';

/** Routes that need no token (health only). Everything else is denied by default. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
