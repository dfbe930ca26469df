import { type ValidationArguments, type ValidationOptions, registerDecorator } from 'class-validator';

/** AES-256 and HMAC-SHA256 keys: exactly 32 random bytes. */
export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Keys by id; `active` encrypts new data, every listed key still decrypts (rotation). */
export interface KeyRing {
  readonly active: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A 32-byte key from canonical base64 (so a truncated or mistyped key is refused, not silently shortened). */
export function parseKey(text: string): Buffer | string {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return 'must be base64';
  if (bytes.length !== KEY_BYTES)
    return `must be base64 of exactly ${KEY_BYTES} bytes (got ${bytes.length}); generate one with: openssl rand -base64 32`;
  return bytes;
}

/**
 * `id:base64,id:base64,…` → the key ring; the active key is `activeId` or else the first listed. Returns what
 * is wrong instead, never echoing key material.
 */
export function parseKeyRing(text: string, activeId?: string): KeyRing | string {
  const keys = new Map<string, Buffer>();
  const entries = text.split(',').map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id))
      return `entry ${index + 1}: must be id:base64key with an id of 1-32 letters, digits, _ or -`;
    if (keys.has(id)) return `key id "${id}" is listed twice`;
    const key = parseKey(entry.slice(colon + 1));
    if (typeof key === 'string') return `key "${id}" ${key}`;
    keys.set(id, key);
  }
  const active = activeId ?? entries[0]!.slice(0, entries[0]!.indexOf(':'));
  if (!keys.has(active))
    return `active key "${active}" is not among the listed keys (${[...keys.keys()].join(', ')})`;
  return { active, keys };
}

function problemDecorator(
  name: string,
  problem: (value: unknown, args: ValidationArguments) => string | undefined,
  options?: ValidationOptions,
) {
  return (object: object, propertyName: string): void => {
    let last: string | undefined;
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          last = problem(value, args);
          return last === undefined;
        },
        defaultMessage: () => last ?? 'invalid',
      },
    });
  };
}

/**
 * A key ring variable (`id:base64,…`); `activeProperty` names the variable choosing the active key, checked
 * against the ring here so the message says which id is missing.
 */
export function IsKeyRing(activeProperty?: string, options?: ValidationOptions) {
  return problemDecorator(
    'isKeyRing',
    (value, args) => {
      if (typeof value !== 'string' || value.length === 0)
        return 'must be set: id:base64key[,id:base64key…] (32-byte keys; openssl rand -base64 32)';
      const active = activeProperty
        ? ((args.object as Record<string, unknown>)[activeProperty] as string | undefined)
        : undefined;
      const ring = parseKeyRing(value, active || undefined);
      return typeof ring === 'string' ? ring : undefined;
    },
    options,
  );
}

/** A single 32-byte key in base64. */
export function IsBase64Key(options?: ValidationOptions) {
  return problemDecorator(
    'isBase64Key',
    (value) => {
      if (typeof value !== 'string' || value.length === 0)
        return 'must be set: base64 of 32 random bytes (openssl rand -base64 32)';
      const key = parseKey(value);
      return typeof key === 'string' ? key : undefined;
    },
    options,
  );
}
