import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

import { type Schemas } from '../api/client';

/** The identity provider's client: authorization code with PKCE (oidc-client-ts does PKCE for the code flow). */
export function userManager(settings: Schemas['ConsoleOidcSettings']): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    scope: settings.scope,
    response_type: 'code',
    redirect_uri: `${origin}/signin/callback`,
    post_logout_redirect_uri: `${origin}/signin`,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
