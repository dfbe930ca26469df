import { Typography } from 'antd';

export default function OrgPage() {
  return <Typography.Title level={3}>OrgPage</Typography.Title>;
}
