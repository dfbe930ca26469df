import { type DynamicModule, Module, type Type } from '@nestjs/common';

import { loadSections } from './env';

const LOADED_SECTIONS = Symbol('LOADED_SECTIONS');

/**
 * Provides each config section class as an injectable, all validated together from the environment when
 * the app is created, so a misconfigured app fails its boot naming every bad variable before it connects.
 */
@Module({})
export class ConfigModule {
  static forRoot(sections: readonly Type<object>[]): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        { provide: LOADED_SECTIONS, useFactory: () => loadSections(sections) },
        ...sections.map((section) => ({
          provide: section,
          inject: [LOADED_SECTIONS],
          useFactory: (loaded: Map<Type<object>, object>) => loaded.get(section),
        })),
      ],
      exports: [...sections],
    };
  }
}
