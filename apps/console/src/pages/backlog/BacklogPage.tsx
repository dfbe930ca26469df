import { Typography } from 'antd';

export default function BacklogPage() {
  return <Typography.Title level={3}>BacklogPage</Typography.Title>;
}
