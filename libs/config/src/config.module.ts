import { type DynamicModule, Module, type Type } from '@nestjs/common';

import { loadSection } from './env';

/**
 * Provides each config section class as an injectable, validated from the environment when the app is
 * created (so a bad variable fails the boot with its name, before anything connects).
 */
@Module({})
export class ConfigModule {
  static forRoot(sections: readonly Type<object>[]): DynamicModule {
    const providers = sections.map((section) => ({
      provide: section,
      useFactory: () => loadSection(section),
    }));
    return { module: ConfigModule, global: true, providers, exports: [...sections] };
  }
}
