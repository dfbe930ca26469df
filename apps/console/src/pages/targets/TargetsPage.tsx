import { Typography } from 'antd';

export default function TargetsPage() {
  return <Typography.Title level={3}>TargetsPage</Typography.Title>;
}
