import { Typography } from 'antd';

export default function ReservePage() {
  return <Typography.Title level={3}>ReservePage</Typography.Title>;
}
