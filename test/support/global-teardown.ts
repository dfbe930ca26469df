import { down } from '../../deploy/local/infra';
import { testProfile } from './test-profile';

/** Stops the test servers and deletes their data (both projects call this; the second is a no-op). */
export default async function globalTeardown(): Promise<void> {
  await down(testProfile);
}
