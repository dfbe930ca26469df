import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { type TokenClaims } from '../../../libs/auth/src';

export interface IdentityProvider {
  readonly issuer: string;
  /** Registers the console's client (its redirect URI) and the accounts' Xianfeng claims; then it answers. */
  register(redirectUri: string, accounts: Readonly<Record<string, TokenClaims>>): Promise<void>;
  close(): Promise<void>;
}

/** The next JSON line the provider prints (see identity-provider.mjs). */
function nextMessage(child: ChildProcessWithoutNullStreams): Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) => reject(new Error(`the identity provider exited (${code})`));
    child.once('exit', failed);
    lines.once('line', (line) => {
      child.off('exit', failed);
      lines.close();
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

/** Starts a real OpenID Connect provider (npm `oidc-provider`) on a loopback port, in a child process. */
export async function startIdentityProvider(audience: string): Promise<IdentityProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'identity-provider.mjs')], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const { issuer } = await nextMessage(child).catch((error: Error) => {
    throw new Error(`${error.message}: ${errors}`);
  });
  return {
    issuer: String(issuer),
    register: async (redirectUri, accounts) => {
      const ready = nextMessage(child);
      child.stdin.write(`${JSON.stringify({ redirectUri, audience, accounts })}\n`);
      await ready;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
