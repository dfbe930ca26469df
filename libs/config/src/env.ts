import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment variables:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

function describe(errors: readonly ValidationError[], env: NodeJS.ProcessEnv): string[] {
  return errors.map((error) => {
    const value = env[error.property];
    const shown = value === undefined ? '(unset)' : JSON.stringify(value);
    return `${error.property}=${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`;
  });
}

/**
 * Reads one config section from the environment: properties of `section` are named after the variables,
 * validated with class-validator. Throws naming every bad variable; nothing else reads process.env.
 */
export function loadSection<T extends object>(section: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const instance = plainToInstance(
    section,
    { ...env },
    { enableImplicitConversion: false, exposeDefaultValues: true },
  );
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new InvalidEnvironmentError(describe(errors, env));
  return instance;
}
