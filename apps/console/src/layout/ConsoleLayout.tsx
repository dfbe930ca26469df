import {
  ApartmentOutlined,
  AuditOutlined,
  FileSearchOutlined,
  InboxOutlined,
  LineChartOutlined,
  LogoutOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';

import { session, useSession } from '../auth/session';
import { roleName } from '../shared/labels';
import { useMe } from '../shared/useMe';

const SECTIONS = [
  { key: '/inbox', icon: <InboxOutlined />, label: '我的待办' },
  { key: '/cases', icon: <FileSearchOutlined />, label: '案件' },
  { key: '/backlog', icon: <AuditOutlined />, label: '审批台' },
  { key: '/targets', icon: <LineChartOutlined />, label: '目标' },
  { key: '/reserve', icon: <TeamOutlined />, label: '后备库' },
  { key: '/org', icon: <ApartmentOutlined />, label: '组织' },
];

/** The frame of every signed-in page: the sections on the left, who is signed in where at the top. */
export function ConsoleLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const user = useSession()?.user;
  const me = useMe();
  const selected = SECTIONS.find((section) => location.pathname.startsWith(section.key))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '16px 20px' }}>先锋</div>
        <nav aria-label="主导航">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={SECTIONS}
            onClick={({ key }) => void navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            paddingInline: 24,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle">
            <Typography.Text strong>{me.data?.name ?? user?.name}</Typography.Text>
            <Typography.Text type="secondary">{me.data?.unit.name ?? user?.orgUnit}</Typography.Text>
            {(me.data?.roles ?? user?.roles ?? []).map((role) => (
              <Tag key={role} color="red">
                {roleName(role)}
              </Tag>
            ))}
            <Button
              icon={<LogoutOutlined />}
              onClick={() => {
                session.signOut();
                void navigate('/signin');
              }}
            >
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
