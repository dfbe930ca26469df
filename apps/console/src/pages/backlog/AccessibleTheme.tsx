import { ConfigProvider } from 'antd';
import { type ReactNode } from 'react';

/**
 * AntD's default link blue, status tag colours and description grey fall short of WCAG AA (4.5:1) on white
 * and on their tag backgrounds: these darker shades of the same hues pass. (Belongs in main.tsx's theme.)
 */
export function AccessibleTheme({ children }: { readonly children: ReactNode }) {
  return (
    <ConfigProvider
      theme={{
        token: {
          colorLink: '#0958d9',
          colorError: '#cf1322',
          colorWarning: '#ad4e00',
          colorWarningBg: '#fff7e6',
          colorErrorBg: '#fff1f0',
          colorSuccessBg: '#f6ffed',
          colorInfo: '#0958d9',
          colorInfoBg: '#e6f4ff',
          colorSuccess: '#237804',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}
