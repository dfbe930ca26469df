import { randomBytes } from 'node:crypto';

import { InvalidEnvironmentError, loadSection } from './env';
import { parseKeyRing } from './key-ring';
import { PiiConfig } from './sections';

const key = (): string => randomBytes(32).toString('base64');

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadSection(PiiConfig, env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  return [];
}

describe(PiiConfig.name, () => {
  const [a, b, hmac] = [key(), key(), key()];
  const valid = {
    TEMPORAL_CODEC_KEYS: `k2:${b},k1:${a}`,
    PERSON_ID_ENCRYPTION_KEYS: `p1:${a}`,
    PERSON_ID_HMAC_KEY: hmac,
  };

  it('reads key rings: the first listed key is active unless one is named, every listed key decrypts', () => {
    const config = loadSection(PiiConfig, valid);
    expect(config.temporalCodecKeys.active).toBe('k2');
    expect([...config.temporalCodecKeys.keys.keys()]).toEqual(['k2', 'k1']);
    expect(config.temporalCodecKeys.keys.get('k1')).toEqual(Buffer.from(a, 'base64'));
    expect(
      loadSection(PiiConfig, { ...valid, TEMPORAL_CODEC_ACTIVE_KEY: 'k1' }).temporalCodecKeys.active,
    ).toBe('k1');
    expect(config.personIdHmacKey).toHaveLength(32);
  });

  it('has no default key: every unset key variable is named', () => {
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^TEMPORAL_CODEC_KEYS=\(unset\): must be set/),
      expect.stringMatching(/^PERSON_ID_ENCRYPTION_KEYS=\(unset\): must be set/),
      expect.stringMatching(/^PERSON_ID_HMAC_KEY=\(unset\): must be set/),
    ]);
  });

  it('refuses short, non-base64 and unlisted keys with a clear message that never shows the key', () => {
    const short = randomBytes(16).toString('base64');
    const problems = problemsOf({
      TEMPORAL_CODEC_KEYS: `k1:${short}`,
      PERSON_ID_ENCRYPTION_KEYS: `p1:${a}`,
      PERSON_ID_ENCRYPTION_ACTIVE_KEY: 'p9',
      PERSON_ID_HMAC_KEY: 'not base64!',
      TEMPORAL_UI_ORIGIN: 'http://127.0.0.1:8233/ui',
    });
    expect(problems).toEqual([
      'TEMPORAL_CODEC_KEYS=(set, not shown): key "k1" must be base64 of exactly 32 bytes (got 16); generate one with: openssl rand -base64 32',
      'PERSON_ID_ENCRYPTION_KEYS=(set, not shown): active key "p9" is not among the listed keys (p1)',
      'PERSON_ID_HMAC_KEY=(set, not shown): must be base64',
      'TEMPORAL_UI_ORIGIN="http://127.0.0.1:8233/ui": must be an origin: scheme://host[:port], no path',
    ]);
    expect(problems.join('\n')).not.toContain(short);
  });

  it('names malformed and repeated entries', () => {
    expect(parseKeyRing(`${a}`)).toMatch(/^entry 1: must be id:base64key/);
    expect(parseKeyRing(`k1:${a},k1:${b}`)).toBe('key id "k1" is listed twice');
  });
});
