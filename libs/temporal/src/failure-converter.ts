import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel inside an encoded payload (which the codec encrypts) instead of in
 * clear: rule messages name people (a sponsor, a cultivation contact). Loaded by path (`failureConverterPath`),
 * also inside the workflow sandbox, so this file imports nothing but the SDK.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
