import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PiiConfig, loadSection } from '@app/config';

import { type Profile, profile } from './profiles';
import { piiEnvironment, secretsFile } from './secrets';

describe(piiEnvironment.name, () => {
  let dataDir: string;
  let local: Profile;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'xf-secrets-'));
    local = { ...profile('dev'), dataDir };
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    delete process.env.PERSON_ID_HMAC_KEY;
  });

  it('generates valid keys once per profile, readable by the owner only, and keeps them', () => {
    const first = piiEnvironment(local);
    expect(() => loadSection(PiiConfig, first)).not.toThrow();
    expect(first.TEMPORAL_CODEC_KEYS).toMatch(/^dev-1:/);
    expect(first.TEMPORAL_UI_ORIGIN).toBe('http://127.0.0.1:8233');
    expect(statSync(secretsFile(local)).mode & 0o777).toBe(0o600);
    expect(piiEnvironment(local)).toEqual(first);
    expect(piiEnvironment({ ...local, dataDir: mkdtempSync(join(dataDir, 'other-')) })).not.toEqual(first);
  });

  it('lets a variable set in the environment win, as in a deployment', () => {
    process.env.PERSON_ID_HMAC_KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    expect(piiEnvironment(local).PERSON_ID_HMAC_KEY).toBe('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  });
});
