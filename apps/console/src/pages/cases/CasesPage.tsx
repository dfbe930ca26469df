import { Typography } from 'antd';

export default function CasesPage() {
  return <Typography.Title level={3}>CasesPage</Typography.Title>;
}
