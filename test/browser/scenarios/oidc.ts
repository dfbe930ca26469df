import { type INestApplication } from '@nestjs/common';
import { type Request } from 'playwright-core';

import { ApiModule } from '../../../apps/api/src/api.module';
import { setupConsole } from '../../../apps/api/src/console/serve-console';
import { DEMO_USERS } from '../../../prisma/seed/demo-users';
import { bootWith, listening } from '../../support/apps';
import { type ConsoleStack, accessibilityViolations, screenshot } from '../support/console-stack';
import { type IdentityProvider, startIdentityProvider } from '../support/identity-provider';

const AUDIENCE = 'xianfeng';

/**
 * Signing in through an identity provider as a production deployment does: a second API on the same database,
 * configured for OpenID Connect (CONSOLE_OIDC_*, tokens verified against the provider's JWKS), and a real
 * provider (npm `oidc-provider`) in its own process. The browser runs the authorization code flow with PKCE.
 */
export function oidcScenarios(stack: () => ConsoleStack): void {
  describe('统一身份认证 (OIDC)', () => {
    let provider: IdentityProvider | undefined;
    let api: INestApplication | undefined;
    let url = '';

    beforeAll(async () => {
      provider = await startIdentityProvider(AUDIENCE);
      const issuer = provider.issuer;
      api = await bootWith(
        {
          CONSOLE_OIDC_AUTHORITY: issuer,
          CONSOLE_OIDC_CLIENT_ID: 'xianfeng-console',
          CONSOLE_OIDC_SCOPE: 'openid profile xianfeng',
          AUTH_JWKS_URL: `${issuer}/jwks`,
          AUTH_ISSUER: issuer,
          AUTH_AUDIENCE: AUDIENCE,
          AUTH_DEMO_LOGIN_DIR: undefined,
        },
        ApiModule,
        setupConsole,
      );
      url = await listening(api);
      // The provider knows the demo users by their login names, with the claims the local issuer gives them.
      await provider.register(`${url}/signin/callback`, DEMO_USERS);
    }, 120_000);

    afterAll(async () => {
      await api?.close();
      await provider?.close();
    });

    /** Signs in at the provider's own pages (any password; the login names the account). */
    async function signInAtProvider(login: string) {
      const context = await stack().browser.newContext({
        locale: 'zh-CN',
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      const requests: Request[] = [];
      page.on('request', (request) => requests.push(request));
      await page.goto(`${url}/backlog`);
      await page.waitForURL(/\/signin\?next=%2Fbacklog$/);
      // Only the provider is offered: the demo users are not, on a deployment with OIDC.
      const button = page.getByRole('button', { name: '统一身份认证登录' });
      await button.waitFor();
      expect(await page.getByRole('button', { name: /身份登录$/ }).count()).toBe(0);
      await screenshot(page, 'signin-oidc');
      expect(await accessibilityViolations(page)).toEqual([]);
      await button.click();
      await page.waitForURL((where) => where.origin === new URL(provider!.issuer).origin);
      await page.locator('input[name=login]').fill(login);
      await page.locator('input[name=password]').fill('any password');
      await page.locator('button[type=submit]').click();
      // The provider asks once for consent to the console's scopes.
      await page.getByRole('button', { name: 'Continue' }).click();
      return { page, context, requests };
    }

    it('signs an organiser in with the authorization code and PKCE; the API accepts the access token', async () => {
      const { page, context, requests } = await signInAtProvider('dz-organiser');
      await page.waitForURL((where) => where.origin === url && where.pathname === '/backlog');
      // The township's backlog, read with the provider's token.
      await page.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
      await expect(page.getByText(DEMO_USERS['dz-organiser']!.name).first().isVisible()).resolves.toBe(true);
      await screenshot(page, 'backlog-oidc');

      // PKCE: the authorization request carried an S256 challenge, the token request its verifier.
      const authorize = requests.find((r) => new URL(r.url()).searchParams.has('code_challenge'));
      expect(new URL(authorize!.url()).searchParams.get('code_challenge_method')).toBe('S256');
      const tokenRequest = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/token'));
      const form = new URLSearchParams(tokenRequest!.postData() ?? '');
      expect(form.get('grant_type')).toBe('authorization_code');
      expect(form.get('code_verifier')).toMatch(/^[\w.~-]{43,128}$/);
      // The API was called with the provider's token, a JWT issued for it (audience) by the provider.
      const apiCall = requests.find((r) => r.url().startsWith(`${url}/v1/backlog`));
      const bearer = (await apiCall!.allHeaders()).authorization?.replace(/^Bearer /, '') ?? '';
      const claims = JSON.parse(Buffer.from(bearer.split('.')[1] ?? '', 'base64url').toString()) as {
        iss: string;
        aud: string;
        sub: string;
        roles: string[];
      };
      expect(claims).toMatchObject({ iss: provider!.issuer, aud: AUDIENCE, sub: 'dz-organiser' });
      expect(claims.roles).toEqual(DEMO_USERS['dz-organiser']!.roles);
      await context.close();
    });

    it('shows the reason when the API refuses a token the provider issued without Xianfeng claims', async () => {
      const { page, context } = await signInAtProvider('someone-without-roles');
      await page.waitForURL((where) => where.origin === url && where.pathname === '/signin/callback');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/登录凭证无效（TOKEN_INVALID）.*org_unit is missing/s);
      await screenshot(page, 'signin-oidc-refused');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: '返回登录页' }).click();
      await page.getByRole('button', { name: '统一身份认证登录' }).waitFor();
      // Nothing was kept: the console still asks to sign in.
      await page.goto(`${url}/inbox`);
      await page.waitForURL(/\/signin\?next=%2Finbox$/);
      await context.close();
    });
  });
}
