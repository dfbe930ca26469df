import { type DataConverter } from '@temporalio/common';

import { encryptingDataConverter } from '../../libs/temporal/src/encryption-codec';

/**
 * The payload codec of the workflow tests (time-skipping harness, replays), exactly as the apps install it,
 * under a fixed key that exists only for tests: histories recorded with RECORD_HISTORIES=1 must still decode
 * in later runs (the apps' keys in .local/test are generated afresh each run).
 */
export const FIXTURE_CODEC_KEY_ID = 'test-fixtures';
const FIXTURE_CODEC_KEY = Buffer.from('gvJWNllQvbWO0tr+P58pnGaXce06ij5Bm7UgKrS+H5g=', 'base64');

export function testDataConverter(): DataConverter {
  return encryptingDataConverter({
    active: FIXTURE_CODEC_KEY_ID,
    keys: new Map([[FIXTURE_CODEC_KEY_ID, FIXTURE_CODEC_KEY]]),
  });
}
