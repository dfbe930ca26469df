import { Module } from '@nestjs/common';

import { ConsoleController } from './console.controller';

/** The web console's sign-in settings and, in the dev and test profiles, its demo sign-in. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
