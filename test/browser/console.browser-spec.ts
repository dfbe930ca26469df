import { backlogScenarios } from './scenarios/backlog';
import { casesScenarios } from './scenarios/cases';
import { inboxScenarios } from './scenarios/inbox';
import { oidcScenarios } from './scenarios/oidc';
import { orgScenarios } from './scenarios/org';
import { reserveScenarios } from './scenarios/reserve';
import { targetsScenarios } from './scenarios/targets';
import { type ConsoleStack, startConsoleStack } from './support/console-stack';

/**
 * The web console in Debian's Chromium against every app on the test servers, the demo county seeded once for
 * the whole suite as `npm start` seeds it. Pages that only read come first; those that record come after, each
 * on cases no earlier scenario relies on.
 */
describe('web console (browser)', () => {
  let stack: ConsoleStack | undefined;
  const current = (): ConsoleStack => {
    if (!stack) throw new Error('the console stack did not start');
    return stack;
  };

  beforeAll(async () => {
    stack = await startConsoleStack('console');
  }, 600_000);

  afterAll(async () => {
    await stack?.close();
  });

  inboxScenarios(current);
  oidcScenarios(current);
  targetsScenarios(current);
  orgScenarios(current);
  casesScenarios(current);
  backlogScenarios(current);
  reserveScenarios(current);
});
