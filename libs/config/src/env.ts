import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment variables:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

type Section<T extends object = object> = new () => T;

/** Variables holding key material (…_KEY, …_KEYS): a boot error names them but never prints their value. */
const SECRET_VARIABLE = /_KEYS?$/;

function describe(errors: readonly ValidationError[], env: NodeJS.ProcessEnv): string[] {
  return errors.map((error) => {
    const value = env[error.property];
    const shown =
      value === undefined
        ? '(unset)'
        : SECRET_VARIABLE.test(error.property)
          ? '(set, not shown)'
          : JSON.stringify(value);
    return `${error.property}=${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`;
  });
}

/**
 * Reads config sections from the environment: properties of each section class are named after the
 * variables and validated with class-validator. Throws once, naming every bad variable of every section;
 * nothing else reads process.env.
 */
export function loadSections(
  sections: readonly Section[],
  env: NodeJS.ProcessEnv = process.env,
): Map<Section, object> {
  const loaded = new Map<Section, object>();
  const problems: string[] = [];
  for (const section of sections) {
    const instance = plainToInstance(section, { ...env }, { exposeDefaultValues: true });
    problems.push(...describe(validateSync(instance, { whitelist: true, forbidUnknownValues: false }), env));
    loaded.set(section, instance);
  }
  if (problems.length > 0) throw new InvalidEnvironmentError([...new Set(problems)]);
  return loaded;
}

export function loadSection<T extends object>(section: Section<T>, env: NodeJS.ProcessEnv = process.env): T {
  return loadSections([section], env).get(section) as T;
}
