import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Spin, Tag, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { type Schemas, api, unwrap } from '../api/client';
import { ProblemAlert } from '../shared/ProblemAlert';
import { roleName } from '../shared/labels';
import { userManager } from './oidc';
import { session, useSession } from './session';

/** Where to go after signing in: a path of this console only (never another site). */
function nextPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/inbox';
}

function DemoUsers({ next }: { readonly next: string }) {
  const navigate = useNavigate();
  const users = useQuery({
    queryKey: ['demo-users'],
    queryFn: () => unwrap(api.GET('/v1/console/demo-users')),
  });
  const signIn = useMutation({
    mutationFn: (user: Schemas['DemoUser']['user']) =>
      unwrap(api.POST('/v1/console/demo-sessions', { body: { user } })),
    onSuccess: ({ token, expiresAt }) => {
      session.signIn(token, expiresAt);
      void navigate(next, { replace: true });
    },
  });
  if (users.isPending) return <Spin />;
  return (
    <>
      <ProblemAlert error={users.error ?? signIn.error} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary">
        演示环境：选择一位演示用户登录（本地签发令牌）。
      </Typography.Paragraph>
      <List
        dataSource={users.data ?? []}
        renderItem={(user) => (
          <List.Item
            actions={[
              <Button
                key="sign-in"
                type="primary"
                aria-label={`以${user.name}身份登录`}
                loading={signIn.isPending && signIn.variables === user.user}
                onClick={() => signIn.mutate(user.user)}
              >
                登录
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={user.name}
              description={
                <Space size={4} wrap>
                  <Tag>{user.orgUnit}</Tag>
                  {user.roles.map((role) => (
                    <Tag key={role} color="red">
                      {roleName(role)}
                    </Tag>
                  ))}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

export function SignInPage() {
  const [params] = useSearchParams();
  const next = nextPath(params.get('next'));
  const current = useSession();
  const settings = useQuery({
    queryKey: ['console-settings'],
    queryFn: () => unwrap(api.GET('/v1/console/settings')),
  });
  if (current) return <Navigate to={next} replace />;
  const oidc = settings.data?.oidc;
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 640, maxWidth: '95vw' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          先锋 · 党员发展与村干部工作平台
        </Typography.Title>
        {settings.isPending && <Spin />}
        <ProblemAlert error={settings.error} />
        {settings.data?.signIn === 'oidc' && oidc && (
          <Button
            type="primary"
            size="large"
            onClick={() => void userManager(oidc).signinRedirect({ state: next })}
          >
            统一身份认证登录
          </Button>
        )}
        {settings.data?.signIn === 'demo' && <DemoUsers next={next} />}
        {settings.data?.signIn === 'none' && (
          <Typography.Paragraph>本部署未配置登录方式（CONSOLE_OIDC_AUTHORITY）。</Typography.Paragraph>
        )}
      </Card>
    </main>
  );
}
