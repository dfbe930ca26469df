import { useQuery } from '@tanstack/react-query';
import { Card, Space, Spin, Typography } from 'antd';
import { Link, Navigate } from 'react-router';

import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../shared/ProblemAlert';
import { userManager } from './oidc';
import { session } from './session';

/**
 * The identity provider sends the browser back here with the code; the client exchanges it (PKCE) for tokens.
 * The API is asked about the access token before it is kept: a token it refuses (no Xianfeng roles, an unknown
 * unit) is shown with the API's reason here instead of ending in a silent return to the sign-in page.
 */
export function OidcCallbackPage() {
  const result = useQuery({
    queryKey: ['oidc-callback', window.location.search],
    retry: false,
    staleTime: Infinity,
    queryFn: async () => {
      const settings = await unwrap(api.GET('/v1/console/settings'));
      if (!settings.oidc) throw new Error('本部署未启用统一身份认证');
      const user = await userManager(settings.oidc).signinRedirectCallback();
      await unwrap(api.GET('/v1/me', { headers: { Authorization: `Bearer ${user.access_token}` } }));
      session.signIn(user.access_token, new Date((user.expires_at ?? 0) * 1000).toISOString());
      return typeof user.state === 'string' ? user.state : '/inbox';
    },
  });
  if (result.data) return <Navigate to={result.data} replace />;
  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Card style={{ maxWidth: 560 }}>
        {result.error ? (
          <Space orientation="vertical">
            <Typography.Text>登录未能完成：</Typography.Text>
            <ProblemAlert error={result.error} />
            <Typography.Text>
              请联系管理员核对您在身份认证平台中的组织和角色，或<Link to="/signin">返回登录页</Link>。
            </Typography.Text>
          </Space>
        ) : (
          <Spin tip="正在登录…" />
        )}
      </Card>
    </main>
  );
}
