import { Typography } from 'antd';
import { type ReactNode } from 'react';

/** Secondary text dark enough for WCAG AA on white (AntD's `secondary` grey is 4.4:1 at small sizes). */
export function Muted({ children }: { readonly children: ReactNode }) {
  return <Typography.Text style={{ color: '#595959' }}>{children}</Typography.Text>;
}
