import { Typography } from 'antd';

export default function CasePage() {
  return <Typography.Title level={3}>CasePage</Typography.Title>;
}
